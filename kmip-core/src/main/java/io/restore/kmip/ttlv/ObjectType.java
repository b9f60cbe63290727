// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP ObjectType enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum ObjectType implements KmipEnum {
  CERTIFICATE(0x00000001, "Certificate"),
  SYMMETRIC_KEY(0x00000002, "SymmetricKey"),
  PUBLIC_KEY(0x00000003, "PublicKey"),
  PRIVATE_KEY(0x00000004, "PrivateKey"),
  SPLIT_KEY(0x00000005, "SplitKey"),
  TEMPLATE(0x00000006, "Template"),
  SECRET_DATA(0x00000007, "SecretData"),
  OPAQUE_DATA(0x00000008, "OpaqueObject"),
  PGP_KEY(0x00000009, "PGPKey"),
  CERTIFICATE_REQUEST(0x0000000A, "CertificateRequest");

  private final int code;
  private final String xmlName;

  ObjectType(int code, String xmlName) {
    this.code = code;
    this.xmlName = xmlName;
  }

  @Override
  public int code() {
    return code;
  }

  @Override
  public String xmlName() {
    return xmlName;
  }

  /** The value with this code, if the table has one. */
  public static Optional<ObjectType> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(CERTIFICATE);
      case 0x00000002:
        return Optional.of(SYMMETRIC_KEY);
      case 0x00000003:
        return Optional.of(PUBLIC_KEY);
      case 0x00000004:
        return Optional.of(PRIVATE_KEY);
      case 0x00000005:
        return Optional.of(SPLIT_KEY);
      case 0x00000006:
        return Optional.of(TEMPLATE);
      case 0x00000007:
        return Optional.of(SECRET_DATA);
      case 0x00000008:
        return Optional.of(OPAQUE_DATA);
      case 0x00000009:
        return Optional.of(PGP_KEY);
      case 0x0000000A:
        return Optional.of(CERTIFICATE_REQUEST);
      default:
        return Optional.empty();
    }
  }
}
