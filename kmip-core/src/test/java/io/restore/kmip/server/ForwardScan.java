package io.restore.kmip.server;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Reads a KMIP reply the way mongod's KMIP client does (docs/design/mongod-kmip.md, "What mongod
 * accepts back"): each structure is walked forward; an item it does not expect is skipped whole, an
 * expected item must come after the previous expected one. Independent of our codec on purpose.
 */
final class ForwardScan {
  private final ByteBuffer buf;
  private int pos;
  private final int end;
  private final String path;

  private ForwardScan(ByteBuffer buf, int start, int end, String path) {
    this.buf = buf;
    this.pos = start;
    this.end = end;
    this.path = path;
  }

  /** The whole reply: 8 header bytes 42 00 7B 01 + length, then exactly that many bytes. */
  static ForwardScan response(byte[] message) {
    ByteBuffer b = ByteBuffer.wrap(message);
    if (b.getInt(0) != 0x42007B01) {
      throw new AssertionError(String.format("reply starts with %08X, not 42007B01", b.getInt(0)));
    }
    int length = b.getInt(4);
    if (length != message.length - 8) {
      throw new AssertionError(
          "reply length " + length + " but " + (message.length - 8) + " bytes follow");
    }
    return new ForwardScan(b, 8, 8 + length, "ResponseMessage");
  }

  private int find(int tag, int type) {
    while (pos < end) {
      int t = (buf.getInt(pos) >>> 8);
      int ty = buf.get(pos + 3) & 0xFF;
      int len = buf.getInt(pos + 4);
      int at = pos;
      pos = pos + 8 + ((len + 7) & ~7);
      if (pos > end) {
        throw new AssertionError(path + ": item at " + at + " overruns its structure");
      }
      if (t == tag) {
        if (ty != type) {
          throw new AssertionError(
              String.format("%s: tag %06X has type %d, expected %d", path, tag, ty, type));
        }
        return at;
      }
    }
    throw new AssertionError(
        String.format("%s: no %06X after the previous expected item", path, tag));
  }

  ForwardScan structure(int tag, String name) {
    int at = find(tag, 0x01);
    return new ForwardScan(buf, at + 8, at + 8 + buf.getInt(at + 4), path + "/" + name);
  }

  int integer(int tag) {
    int at = find(tag, 0x02);
    checkLength(at, 4);
    return buf.getInt(at + 8);
  }

  int enumeration(int tag) {
    int at = find(tag, 0x05);
    checkLength(at, 4);
    return buf.getInt(at + 8);
  }

  long dateTime(int tag) {
    int at = find(tag, 0x09);
    checkLength(at, 8);
    return buf.getLong(at + 8);
  }

  String text(int tag) {
    int at = find(tag, 0x07);
    byte[] b = new byte[buf.getInt(at + 4)];
    buf.get(at + 8, b);
    return new String(b, StandardCharsets.UTF_8);
  }

  byte[] bytes(int tag) {
    int at = find(tag, 0x08);
    byte[] b = new byte[buf.getInt(at + 4)];
    buf.get(at + 8, b);
    return b;
  }

  /** How many items with this tag remain in this structure (without moving). */
  int countRemaining(int tag) {
    int n = 0;
    for (int p = pos; p < end; p = p + 8 + ((buf.getInt(p + 4) + 7) & ~7)) {
      if ((buf.getInt(p) >>> 8) == tag) {
        n++;
      }
    }
    return n;
  }

  private void checkLength(int at, int expected) {
    int len = buf.getInt(at + 4);
    if (len != expected) {
      throw new AssertionError(path + ": length " + len + ", expected " + expected);
    }
  }

  // Tags used by mongod's parser (KMIP 1.4 §9.1.3.1).
  static final int RESPONSE_HEADER = 0x42007A;
  static final int PROTOCOL_VERSION = 0x420069;
  static final int PROTOCOL_VERSION_MAJOR = 0x42006A;
  static final int PROTOCOL_VERSION_MINOR = 0x42006B;
  static final int TIME_STAMP = 0x420092;
  static final int BATCH_COUNT = 0x42000D;
  static final int BATCH_ITEM = 0x42000F;
  static final int OPERATION = 0x42005C;
  static final int RESULT_STATUS = 0x42007F;
  static final int RESULT_REASON = 0x42007E;
  static final int RESULT_MESSAGE = 0x42007D;
  static final int RESPONSE_PAYLOAD = 0x42007C;
  static final int OBJECT_TYPE = 0x420057;
  static final int UNIQUE_IDENTIFIER = 0x420094;
  static final int SYMMETRIC_KEY = 0x42008F;
  static final int KEY_BLOCK = 0x420040;
  static final int KEY_FORMAT_TYPE = 0x420042;
  static final int KEY_VALUE = 0x420045;
  static final int KEY_MATERIAL = 0x420043;
  static final int CRYPTOGRAPHIC_ALGORITHM = 0x420028;
  static final int CRYPTOGRAPHIC_LENGTH = 0x42002A;
  static final int ATTRIBUTE = 0x420008;
  static final int ATTRIBUTE_NAME = 0x42000A;
  static final int ATTRIBUTE_VALUE = 0x42000B;
  static final int DATA = 0x4200C2;
  static final int IV_COUNTER_NONCE = 0x42003D;
}
