// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP BlockCipherMode enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum BlockCipherMode implements KmipEnum {
  CBC(0x00000001, "CBC"),
  ECB(0x00000002, "ECB"),
  PCBC(0x00000003, "PCBC"),
  CFB(0x00000004, "CFB"),
  OFB(0x00000005, "OFB"),
  CTR(0x00000006, "CTR"),
  CMAC(0x00000007, "CMAC"),
  CCM(0x00000008, "CCM"),
  GCM(0x00000009, "GCM"),
  CBC_MAC(0x0000000A, "CBCMAC"),
  XTS(0x0000000B, "XTS"),
  AES_KEY_WRAP_PADDING(0x0000000C, "AESKeyWrapPadding"),
  NIST_KEY_WRAP(0x0000000D, "NISTKeyWrap"),
  X9_102_AESKW(0x0000000E, "X9_102AESKW"),
  X9_102_TDKW(0x0000000F, "X9_102TDKW"),
  X9_102_AKW1(0x00000010, "X9_102AKW1"),
  X9_102_AKW2(0x00000011, "X9_102AKW2"),
  AEAD(0x00000012, "AEAD");

  private final int code;
  private final String xmlName;

  BlockCipherMode(int code, String xmlName) {
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
  public static Optional<BlockCipherMode> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(CBC);
      case 0x00000002:
        return Optional.of(ECB);
      case 0x00000003:
        return Optional.of(PCBC);
      case 0x00000004:
        return Optional.of(CFB);
      case 0x00000005:
        return Optional.of(OFB);
      case 0x00000006:
        return Optional.of(CTR);
      case 0x00000007:
        return Optional.of(CMAC);
      case 0x00000008:
        return Optional.of(CCM);
      case 0x00000009:
        return Optional.of(GCM);
      case 0x0000000A:
        return Optional.of(CBC_MAC);
      case 0x0000000B:
        return Optional.of(XTS);
      case 0x0000000C:
        return Optional.of(AES_KEY_WRAP_PADDING);
      case 0x0000000D:
        return Optional.of(NIST_KEY_WRAP);
      case 0x0000000E:
        return Optional.of(X9_102_AESKW);
      case 0x0000000F:
        return Optional.of(X9_102_TDKW);
      case 0x00000010:
        return Optional.of(X9_102_AKW1);
      case 0x00000011:
        return Optional.of(X9_102_AKW2);
      case 0x00000012:
        return Optional.of(AEAD);
      default:
        return Optional.empty();
    }
  }
}
