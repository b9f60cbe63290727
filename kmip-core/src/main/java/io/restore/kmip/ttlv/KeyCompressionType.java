// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP KeyCompressionType enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum KeyCompressionType implements KmipEnum {
  EC_PUBLIC_KEY_TYPE_UNCOMPRESSED(0x00000001, "ECPublicKeyTypeUncompressed"),
  EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME(0x00000002, "ECPublicKeyTypeX9_62CompressedPrime"),
  EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2(0x00000003, "ECPublicKeyTypeX9_62CompressedChar2"),
  EC_PUBLIC_KEY_TYPE_X9_62_HYBRID(0x00000004, "ECPublicKeyTypeX9_62Hybrid");

  private final int code;
  private final String xmlName;

  KeyCompressionType(int code, String xmlName) {
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
  public static Optional<KeyCompressionType> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(EC_PUBLIC_KEY_TYPE_UNCOMPRESSED);
      case 0x00000002:
        return Optional.of(EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_PRIME);
      case 0x00000003:
        return Optional.of(EC_PUBLIC_KEY_TYPE_X9_62_COMPRESSED_CHAR2);
      case 0x00000004:
        return Optional.of(EC_PUBLIC_KEY_TYPE_X9_62_HYBRID);
      default:
        return Optional.empty();
    }
  }
}
