// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP CryptographicAlgorithm enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum CryptographicAlgorithm implements KmipEnum {
  DES(0x00000001, "DES"),
  TRIPLE_DES(0x00000002, "DES3"),
  AES(0x00000003, "AES"),
  RSA(0x00000004, "RSA"),
  DSA(0x00000005, "DSA"),
  ECDSA(0x00000006, "ECDSA"),
  HMAC_SHA1(0x00000007, "HMAC_SHA1"),
  HMAC_SHA224(0x00000008, "HMAC_SHA224"),
  HMAC_SHA256(0x00000009, "HMAC_SHA256"),
  HMAC_SHA384(0x0000000A, "HMAC_SHA384"),
  HMAC_SHA512(0x0000000B, "HMAC_SHA512"),
  HMAC_MD5(0x0000000C, "HMAC_MD5"),
  DH(0x0000000D, "DH"),
  ECDH(0x0000000E, "ECDH"),
  ECMQV(0x0000000F, "ECMQV"),
  BLOWFISH(0x00000010, "Blowfish"),
  CAMELLIA(0x00000011, "Camellia"),
  CAST5(0x00000012, "CAST5"),
  IDEA(0x00000013, "IDEA"),
  MARS(0x00000014, "Mars"),
  RC2(0x00000015, "RC2"),
  RC4(0x00000016, "RC4"),
  RC5(0x00000017, "RC5"),
  SKIPJACK(0x00000018, "SKIPJACK"),
  TWOFISH(0x00000019, "Twofish"),
  EC(0x0000001A, "EC"),
  ONE_TIME_PAD(0x0000001B, "OneTimePad"),
  CHACHA20(0x0000001C, "ChaCha20"),
  POLY1305(0x0000001D, "Poly1305"),
  CHACHA20_POLY1305(0x0000001E, "ChaCha20Poly1305"),
  SHA3_224(0x0000001F, "SHA3_224"),
  SHA3_256(0x00000020, "SHA3_256"),
  SHA3_384(0x00000021, "SHA3_384"),
  SHA3_512(0x00000022, "SHA3_512"),
  HMAC_SHA3_224(0x00000023, "HMAC_SHA3_224"),
  HMAC_SHA3_256(0x00000024, "HMAC_SHA3_256"),
  HMAC_SHA3_384(0x00000025, "HMAC_SHA3_384"),
  HMAC_SHA3_512(0x00000026, "HMAC_SHA3_512"),
  SHAKE_128(0x00000027, "Shake_128"),
  SHAKE_256(0x00000028, "Shake_256"),
  ARIA(0x00000029, "ARIA"),
  SEED(0x0000002A, "Seed"),
  SM2(0x0000002B, "SM2"),
  SM3(0x0000002C, "SM3"),
  SM4(0x0000002D, "SM4"),
  GOST_R_34_10_2012(0x0000002E, "GOSTR_34_10_2012"),
  GOST_R_34_11_2012(0x0000002F, "GOSTR_34_11_2012"),
  GOST_R_34_13_2015(0x00000030, "GOSTR_34_13_2015"),
  GOST_28147_89(0x00000031, "GOST_28147_89"),
  XMSS(0x00000032, "XMSS"),
  SPHINCS_256(0x00000033, "Sphincs_256"),
  MCELIECE(0x00000034, "Mceliece"),
  MCELIECE_6960119(0x00000035, "Mceliece_6960119"),
  MCELIECE_8192128(0x00000036, "Mceliece_8192128"),
  ED25519(0x00000037, "Ed25519"),
  ED448(0x00000038, "Ed448");

  private final int code;
  private final String xmlName;

  CryptographicAlgorithm(int code, String xmlName) {
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
  public static Optional<CryptographicAlgorithm> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(DES);
      case 0x00000002:
        return Optional.of(TRIPLE_DES);
      case 0x00000003:
        return Optional.of(AES);
      case 0x00000004:
        return Optional.of(RSA);
      case 0x00000005:
        return Optional.of(DSA);
      case 0x00000006:
        return Optional.of(ECDSA);
      case 0x00000007:
        return Optional.of(HMAC_SHA1);
      case 0x00000008:
        return Optional.of(HMAC_SHA224);
      case 0x00000009:
        return Optional.of(HMAC_SHA256);
      case 0x0000000A:
        return Optional.of(HMAC_SHA384);
      case 0x0000000B:
        return Optional.of(HMAC_SHA512);
      case 0x0000000C:
        return Optional.of(HMAC_MD5);
      case 0x0000000D:
        return Optional.of(DH);
      case 0x0000000E:
        return Optional.of(ECDH);
      case 0x0000000F:
        return Optional.of(ECMQV);
      case 0x00000010:
        return Optional.of(BLOWFISH);
      case 0x00000011:
        return Optional.of(CAMELLIA);
      case 0x00000012:
        return Optional.of(CAST5);
      case 0x00000013:
        return Optional.of(IDEA);
      case 0x00000014:
        return Optional.of(MARS);
      case 0x00000015:
        return Optional.of(RC2);
      case 0x00000016:
        return Optional.of(RC4);
      case 0x00000017:
        return Optional.of(RC5);
      case 0x00000018:
        return Optional.of(SKIPJACK);
      case 0x00000019:
        return Optional.of(TWOFISH);
      case 0x0000001A:
        return Optional.of(EC);
      case 0x0000001B:
        return Optional.of(ONE_TIME_PAD);
      case 0x0000001C:
        return Optional.of(CHACHA20);
      case 0x0000001D:
        return Optional.of(POLY1305);
      case 0x0000001E:
        return Optional.of(CHACHA20_POLY1305);
      case 0x0000001F:
        return Optional.of(SHA3_224);
      case 0x00000020:
        return Optional.of(SHA3_256);
      case 0x00000021:
        return Optional.of(SHA3_384);
      case 0x00000022:
        return Optional.of(SHA3_512);
      case 0x00000023:
        return Optional.of(HMAC_SHA3_224);
      case 0x00000024:
        return Optional.of(HMAC_SHA3_256);
      case 0x00000025:
        return Optional.of(HMAC_SHA3_384);
      case 0x00000026:
        return Optional.of(HMAC_SHA3_512);
      case 0x00000027:
        return Optional.of(SHAKE_128);
      case 0x00000028:
        return Optional.of(SHAKE_256);
      case 0x00000029:
        return Optional.of(ARIA);
      case 0x0000002A:
        return Optional.of(SEED);
      case 0x0000002B:
        return Optional.of(SM2);
      case 0x0000002C:
        return Optional.of(SM3);
      case 0x0000002D:
        return Optional.of(SM4);
      case 0x0000002E:
        return Optional.of(GOST_R_34_10_2012);
      case 0x0000002F:
        return Optional.of(GOST_R_34_11_2012);
      case 0x00000030:
        return Optional.of(GOST_R_34_13_2015);
      case 0x00000031:
        return Optional.of(GOST_28147_89);
      case 0x00000032:
        return Optional.of(XMSS);
      case 0x00000033:
        return Optional.of(SPHINCS_256);
      case 0x00000034:
        return Optional.of(MCELIECE);
      case 0x00000035:
        return Optional.of(MCELIECE_6960119);
      case 0x00000036:
        return Optional.of(MCELIECE_8192128);
      case 0x00000037:
        return Optional.of(ED25519);
      case 0x00000038:
        return Optional.of(ED448);
      default:
        return Optional.empty();
    }
  }
}
