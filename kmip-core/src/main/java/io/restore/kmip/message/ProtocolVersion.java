package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** KMIP protocol version (KMIP 1.4 §6.1): mongod sends 1.2, or 1.0 in legacy mode. */
public record ProtocolVersion(int major, int minor) {
  public static final ProtocolVersion V1_0 = new ProtocolVersion(1, 0);
  public static final ProtocolVersion V1_2 = new ProtocolVersion(1, 2);
  public static final ProtocolVersion V1_4 = new ProtocolVersion(1, 4);
  public static final ProtocolVersion V2_0 = new ProtocolVersion(2, 0);

  static ProtocolVersion read(Item.Structure s) throws KmipException {
    Fields in = Fields.of(s, "Protocol Version");
    var v =
        new ProtocolVersion(
            in.requiredInt(Tag.PROTOCOL_VERSION_MAJOR), in.requiredInt(Tag.PROTOCOL_VERSION_MINOR));
    in.end();
    return v;
  }

  void write(TtlvWriter w) {
    w.structure(
        Tag.PROTOCOL_VERSION,
        v ->
            v.integer(Tag.PROTOCOL_VERSION_MAJOR, major)
                .integer(Tag.PROTOCOL_VERSION_MINOR, minor));
  }

  /** Whether this version uses the KMIP 2.x attribute forms. */
  public boolean atLeast2() {
    return major >= 2;
  }

  @Override
  public String toString() {
    return major + "." + minor;
  }
}
