// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP HashingAlgorithm enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum HashingAlgorithm implements KmipEnum {
  MD2(0x00000001, "MD2"),
  MD4(0x00000002, "MD4"),
  MD5(0x00000003, "MD5"),
  SHA_1(0x00000004, "SHA_1"),
  SHA_224(0x00000005, "SHA_224"),
  SHA_256(0x00000006, "SHA_256"),
  SHA_384(0x00000007, "SHA_384"),
  SHA_512(0x00000008, "SHA_512"),
  RIPEMD_160(0x00000009, "RIPEMD_160"),
  TIGER(0x0000000A, "Tiger"),
  WHIRLPOOL(0x0000000B, "Whirlpool"),
  SHA_512_224(0x0000000C, "SHA_512_224"),
  SHA_512_256(0x0000000D, "SHA_512_256"),
  SHA3_224(0x0000000E, "SHA3_224"),
  SHA3_256(0x0000000F, "SHA3_256"),
  SHA3_384(0x00000010, "SHA3_384"),
  SHA3_512(0x00000011, "SHA3_512");

  private final int code;
  private final String xmlName;

  HashingAlgorithm(int code, String xmlName) {
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
  public static Optional<HashingAlgorithm> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(MD2);
      case 0x00000002:
        return Optional.of(MD4);
      case 0x00000003:
        return Optional.of(MD5);
      case 0x00000004:
        return Optional.of(SHA_1);
      case 0x00000005:
        return Optional.of(SHA_224);
      case 0x00000006:
        return Optional.of(SHA_256);
      case 0x00000007:
        return Optional.of(SHA_384);
      case 0x00000008:
        return Optional.of(SHA_512);
      case 0x00000009:
        return Optional.of(RIPEMD_160);
      case 0x0000000A:
        return Optional.of(TIGER);
      case 0x0000000B:
        return Optional.of(WHIRLPOOL);
      case 0x0000000C:
        return Optional.of(SHA_512_224);
      case 0x0000000D:
        return Optional.of(SHA_512_256);
      case 0x0000000E:
        return Optional.of(SHA3_224);
      case 0x0000000F:
        return Optional.of(SHA3_256);
      case 0x00000010:
        return Optional.of(SHA3_384);
      case 0x00000011:
        return Optional.of(SHA3_512);
      default:
        return Optional.empty();
    }
  }
}
