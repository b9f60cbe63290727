package io.restore.cluster;

/** The few facts about BSON's byte layout that hashing needs: type codes and value sizes. */
final class BsonBytes {
  static final byte DOUBLE = 0x01;
  static final byte STRING = 0x02;
  static final byte DOCUMENT = 0x03;
  static final byte ARRAY = 0x04;
  static final byte BINARY = 0x05;
  static final byte UNDEFINED = 0x06;
  static final byte OBJECT_ID = 0x07;
  static final byte BOOLEAN = 0x08;
  static final byte DATE = 0x09;
  static final byte NULL = 0x0A;
  static final byte REGEX = 0x0B;
  static final byte DB_POINTER = 0x0C;
  static final byte CODE = 0x0D;
  static final byte SYMBOL = 0x0E;
  static final byte CODE_W_SCOPE = 0x0F;
  static final byte INT32 = 0x10;
  static final byte TIMESTAMP = 0x11;
  static final byte INT64 = 0x12;
  static final byte DECIMAL128 = 0x13;
  static final byte MIN_KEY = (byte) 0xFF;
  static final byte MAX_KEY = 0x7F;

  private BsonBytes() {}

  /** The offset of the NUL that ends the C string starting at {@code from}. */
  static int cstringEnd(byte[] b, int from) {
    int p = from;
    while (b[p] != 0) {
      p++;
    }
    return p;
  }

  /** How many bytes the value of an element of {@code type} takes, starting at {@code at}. */
  static int valueSize(byte[] b, byte type, int at) {
    return switch (type) {
      case DOUBLE, DATE, TIMESTAMP, INT64 -> 8;
      case STRING, CODE, SYMBOL -> 4 + int32(b, at);
      case DOCUMENT, ARRAY, CODE_W_SCOPE -> int32(b, at);
      case BINARY -> 5 + int32(b, at);
      case UNDEFINED, NULL, MIN_KEY, MAX_KEY -> 0;
      case OBJECT_ID -> 12;
      case BOOLEAN -> 1;
      case REGEX -> {
        int flagsEnd = cstringEnd(b, cstringEnd(b, at) + 1);
        yield flagsEnd + 1 - at;
      }
      case DB_POINTER -> 4 + int32(b, at) + 12;
      case INT32 -> 4;
      case DECIMAL128 -> 16;
      default ->
          throw new IllegalArgumentException(
              "unknown BSON type 0x" + Integer.toHexString(type & 0xFF));
    };
  }

  static int int32(byte[] b, int at) {
    return (b[at] & 0xFF)
        | (b[at + 1] & 0xFF) << 8
        | (b[at + 2] & 0xFF) << 16
        | (b[at + 3] & 0xFF) << 24;
  }
}
