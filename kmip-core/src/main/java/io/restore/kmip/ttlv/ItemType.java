package io.restore.kmip.ttlv;

/**
 * TTLV item types (KMIP 1.4 §9.1.1.2; Date-Time Extended from KMIP 2.0 §9.1.1.2) with their length
 * rules in one place.
 */
public enum ItemType {
  STRUCTURE(0x01, "Structure", -1),
  INTEGER(0x02, "Integer", 4),
  LONG_INTEGER(0x03, "LongInteger", 8),
  BIG_INTEGER(0x04, "BigInteger", -1),
  ENUMERATION(0x05, "Enumeration", 4),
  BOOLEAN(0x06, "Boolean", 8),
  TEXT_STRING(0x07, "TextString", -1),
  BYTE_STRING(0x08, "ByteString", -1),
  DATE_TIME(0x09, "DateTime", 8),
  INTERVAL(0x0A, "Interval", 4),
  DATE_TIME_EXTENDED(0x0B, "DateTimeExtended", 8);

  private static final ItemType[] BY_CODE = new ItemType[0x0C];

  static {
    for (ItemType t : values()) {
      BY_CODE[t.code] = t;
    }
  }

  private final int code;
  private final String xmlName;
  private final int fixedLength;

  ItemType(int code, String xmlName, int fixedLength) {
    this.code = code;
    this.xmlName = xmlName;
    this.fixedLength = fixedLength;
  }

  /** The type byte. */
  public int code() {
    return code;
  }

  /** The name used by the KMIP XML encoding's {@code type} attribute. */
  public String xmlName() {
    return xmlName;
  }

  /** The exact value length for fixed-width types, or -1. */
  public int fixedLength() {
    return fixedLength;
  }

  /** The type with this byte, or null when the byte names no type. */
  public static ItemType fromCode(int code) {
    return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
  }

  /**
   * Whether {@code length} is legal for this type: the fixed width (KMIP 1.4 §9.1.1.4), a multiple
   * of 8 for Big Integer (§9.1.1.4 table 289), anything else otherwise.
   */
  public boolean isLegalLength(int length) {
    if (fixedLength >= 0) {
      return length == fixedLength;
    }
    if (this == BIG_INTEGER) {
      return length % 8 == 0 && length > 0;
    }
    return length >= 0;
  }

  /** The value length rounded up to the next multiple of 8: the padding rule (§9.1.1.3). */
  public static int padded(int length) {
    return (length + 7) & ~7;
  }
}
