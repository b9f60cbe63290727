package io.restore.testkit.mongod;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The few KMIP 1.x TTLV facts mongod's KMIP client uses: a writer for its requests and a forward
 * scanner for its replies. Written independently of kmip-core on purpose: the stand-in is a second,
 * separate implementation that checks our KMIP server the way mongod would
 * (docs/design/mongod-kmip.md).
 */
final class KmipTtlv {
  private KmipTtlv() {}

  // KMIP 1.4 §9.1.3.1 tags
  static final int ATTRIBUTE = 0x420008;
  static final int ATTRIBUTE_NAME = 0x42000A;
  static final int ATTRIBUTE_VALUE = 0x42000B;
  static final int BATCH_COUNT = 0x42000D;
  static final int BATCH_ITEM = 0x42000F;
  static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;
  static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  static final int KEY_BLOCK = 0x420040;
  static final int KEY_FORMAT_TYPE = 0x420042;
  static final int KEY_MATERIAL = 0x420043;
  static final int KEY_VALUE = 0x420045;
  static final int OBJECT_TYPE = 0x420057;
  static final int OPERATION = 0x42005C;
  static final int PROTOCOL_VERSION = 0x420069;
  static final int PROTOCOL_VERSION_MAJOR = 0x42006A;
  static final int PROTOCOL_VERSION_MINOR = 0x42006B;
  static final int REQUEST_HEADER = 0x420077;
  static final int REQUEST_MESSAGE = 0x420078;
  static final int REQUEST_PAYLOAD = 0x420079;
  static final int RESPONSE_HEADER = 0x42007A;
  static final int RESPONSE_MESSAGE = 0x42007B;
  static final int RESPONSE_PAYLOAD = 0x42007C;
  static final int RESULT_MESSAGE = 0x42007D;
  static final int RESULT_REASON = 0x42007E;
  static final int RESULT_STATUS = 0x42007F;
  static final int SYMMETRIC_KEY = 0x42008F;
  static final int TIME_STAMP = 0x420092;
  static final int UNIQUE_IDENTIFIER = 0x420094;

  // KMIP 1.4 §9.1.1.2 item types
  static final int STRUCTURE = 0x01;
  static final int INTEGER = 0x02;
  static final int ENUMERATION = 0x05;
  static final int BYTE_STRING = 0x08;
  static final int TEXT_STRING = 0x07;
  static final int DATE_TIME = 0x09;

  static byte[] structure(int tag, byte[]... children) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    for (byte[] c : children) {
      body.writeBytes(c);
    }
    return item(tag, STRUCTURE, body.toByteArray());
  }

  static byte[] integer(int tag, int value) {
    return item(tag, INTEGER, int4(value));
  }

  static byte[] enumeration(int tag, int value) {
    return item(tag, ENUMERATION, int4(value));
  }

  static byte[] text(int tag, String value) {
    return item(tag, TEXT_STRING, value.getBytes(StandardCharsets.UTF_8));
  }

  static byte[] item(int tag, int type, byte[] value) {
    int padded = (value.length + 7) & ~7; // KMIP 1.4 §9.1.1.3: values padded to 8 bytes
    byte[] out = new byte[8 + padded];
    out[0] = (byte) (tag >>> 16);
    out[1] = (byte) (tag >>> 8);
    out[2] = (byte) tag;
    out[3] = (byte) type;
    System.arraycopy(int4(value.length), 0, out, 4, 4);
    System.arraycopy(value, 0, out, 8, value.length);
    return out;
  }

  private static byte[] int4(int v) {
    return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
  }

  static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | b[at + 3] & 0xFF;
  }

  /** One item inside a bounded byte range. */
  record Item(byte[] buf, int at, int tag, int type, int length, String name) {
    int valueAt() {
      return at + 8;
    }

    int intValue() throws KmipReplyException {
      if ((type != INTEGER && type != ENUMERATION) || length != 4) {
        throw new KmipReplyException(name + " is not a 4-byte Integer or Enumeration");
      }
      return readInt(buf, valueAt());
    }

    String text() throws KmipReplyException {
      if (type != TEXT_STRING) {
        throw new KmipReplyException(name + " is not a Text String");
      }
      return new String(buf, valueAt(), length, StandardCharsets.UTF_8);
    }

    byte[] bytes() throws KmipReplyException {
      if (type != BYTE_STRING) {
        throw new KmipReplyException(name + " is not a Byte String");
      }
      byte[] out = new byte[length];
      System.arraycopy(buf, valueAt(), out, 0, length);
      return out;
    }

    Scan children() throws KmipReplyException {
      if (type != STRUCTURE) {
        throw new KmipReplyException(name + " is not a Structure");
      }
      return new Scan(buf, valueAt(), valueAt() + length, name);
    }
  }

  /**
   * mongod's way of reading a structure: walk forward; an item it does not look for is skipped
   * whole, and an expected item that came BEFORE an earlier expected one is lost
   * (docs/design/mongod-kmip.md, "What mongod accepts back").
   */
  static final class Scan {
    private final byte[] buf;
    private final int end;
    private final String where;
    private int pos;

    Scan(byte[] buf, int start, int end, String where) {
      this.buf = buf;
      this.pos = start;
      this.end = end;
      this.where = where;
    }

    /** The next item with this tag, skipping others; the cursor moves past it. */
    Item require(int tag, String name) throws KmipReplyException {
      return find(tag, name, true).orElseThrow();
    }

    /** Like {@link #require} but an absent item leaves the cursor where it was. */
    Optional<Item> optional(int tag, String name) throws KmipReplyException {
      return find(tag, name, false);
    }

    private Optional<Item> find(int tag, String name, boolean required) throws KmipReplyException {
      int p = pos;
      while (p < end) {
        if (end - p < 8) {
          throw new KmipReplyException("truncated item header in " + where);
        }
        int itemTag = (buf[p] & 0xFF) << 16 | (buf[p + 1] & 0xFF) << 8 | buf[p + 2] & 0xFF;
        int type = buf[p + 3] & 0xFF;
        int length = readInt(buf, p + 4);
        int padded = type == STRUCTURE ? length : (length + 7) & ~7;
        if (length < 0 || padded > end - p - 8) {
          throw new KmipReplyException(
              String.format("item 0x%06X in %s is longer than what is left of it", itemTag, where));
        }
        int next = p + 8 + padded;
        if (itemTag == tag) {
          pos = next;
          return Optional.of(new Item(buf, p, itemTag, type, length, name));
        }
        p = next;
      }
      if (required) {
        throw new KmipReplyException("missing " + name + " in " + where);
      }
      return Optional.empty();
    }
  }
}
