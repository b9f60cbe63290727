package io.restore.kmip.ttlv;

/** A value of a KMIP enumeration or mask table: its wire code and its KMIP XML name. */
public interface KmipEnum {
  /** The 32-bit code on the wire (for a mask value, its bit). */
  int code();

  /** The name the KMIP XML encoding uses ("SymmetricKey"). */
  String xmlName();
}
