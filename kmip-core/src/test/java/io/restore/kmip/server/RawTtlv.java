package io.restore.kmip.server;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/** Hand-built TTLV bytes for tests, independent of our codec. */
final class RawTtlv {
  private RawTtlv() {}

  static byte[] hex(String s) {
    return HexFormat.of().parseHex(s.replaceAll("[^0-9a-fA-F]", ""));
  }

  static byte[] item(int tag, int type, byte[] value) {
    int padded = (value.length + 7) & ~7;
    ByteBuffer b = ByteBuffer.allocate(8 + padded);
    b.putInt(tag << 8 | type).putInt(value.length).put(value);
    return b.array();
  }

  static byte[] struct(int tag, byte[]... children) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] c : children) {
      out.writeBytes(c);
    }
    return item(tag, 0x01, out.toByteArray());
  }

  static byte[] integer(int tag, int v) {
    return item(tag, 0x02, ByteBuffer.allocate(4).putInt(v).array());
  }

  static byte[] enumeration(int tag, int v) {
    return item(tag, 0x05, ByteBuffer.allocate(4).putInt(v).array());
  }

  static byte[] text(int tag, String v) {
    return item(tag, 0x07, v.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] bytes(int tag, byte[] v) {
    return item(tag, 0x08, v);
  }

  /**
   * RequestMessage{RequestHeader{ProtocolVersion{1, minor}, BatchCount 1}, BatchItem{op, payload}}:
   * mongod's shape.
   */
  static byte[] mongodRequest(int minor, int operation, byte[]... payload) {
    return struct(
        0x420078,
        struct(
            0x420077,
            struct(0x420069, integer(0x42006A, 1), integer(0x42006B, minor)),
            integer(0x42000D, 1)),
        struct(0x42000F, enumeration(0x42005C, operation), struct(0x420079, payload)));
  }
}
