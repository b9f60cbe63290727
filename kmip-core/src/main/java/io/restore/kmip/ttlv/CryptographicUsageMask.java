// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** KMIP CryptographicUsageMask mask values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum CryptographicUsageMask implements KmipEnum {
  SIGN(0x00000001, "Sign"),
  VERIFY(0x00000002, "Verify"),
  ENCRYPT(0x00000004, "Encrypt"),
  DECRYPT(0x00000008, "Decrypt"),
  WRAP_KEY(0x00000010, "WrapKey"),
  UNWRAP_KEY(0x00000020, "UnwrapKey"),
  EXPORT(0x00000040, "Export"),
  MAC_GENERATE(0x00000080, "MACGenerate"),
  MAC_VERIFY(0x00000100, "MACVerify"),
  DERIVE_KEY(0x00000200, "DeriveKey"),
  CONTENT_COMMITMENT(0x00000400, "ContentCommitment"),
  KEY_AGREEMENT(0x00000800, "KeyAgreement"),
  CERTIFICATE_SIGN(0x00001000, "CertificateSign"),
  CRL_SIGN(0x00002000, "CRLSign"),
  GENERATE_CRYPTOGRAM(0x00004000, "GenerateCryptogram"),
  VALIDATE_CRYPTOGRAM(0x00008000, "ValidateCryptogram"),
  TRANSLATE_ENCRYPT(0x00010000, "TranslateEncrypt"),
  TRANSLATE_DECRYPT(0x00020000, "TranslateDecrypt"),
  TRANSLATE_WRAP(0x00040000, "TranslateWrap"),
  TRANSLATE_UNWRAP(0x00080000, "TranslateUnwrap"),
  AUTHENTICATE(0x00100000, "Authenticate"),
  UNRESTRICTED(0x00200000, "Unrestricted"),
  FPE_ENCRYPT(0x00400000, "FPEEncrypt"),
  FPE_DECRYPT(0x00800000, "FPEDecrypt");

  private final int code;
  private final String xmlName;

  CryptographicUsageMask(int code, String xmlName) {
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
  public static Optional<CryptographicUsageMask> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(SIGN);
      case 0x00000002:
        return Optional.of(VERIFY);
      case 0x00000004:
        return Optional.of(ENCRYPT);
      case 0x00000008:
        return Optional.of(DECRYPT);
      case 0x00000010:
        return Optional.of(WRAP_KEY);
      case 0x00000020:
        return Optional.of(UNWRAP_KEY);
      case 0x00000040:
        return Optional.of(EXPORT);
      case 0x00000080:
        return Optional.of(MAC_GENERATE);
      case 0x00000100:
        return Optional.of(MAC_VERIFY);
      case 0x00000200:
        return Optional.of(DERIVE_KEY);
      case 0x00000400:
        return Optional.of(CONTENT_COMMITMENT);
      case 0x00000800:
        return Optional.of(KEY_AGREEMENT);
      case 0x00001000:
        return Optional.of(CERTIFICATE_SIGN);
      case 0x00002000:
        return Optional.of(CRL_SIGN);
      case 0x00004000:
        return Optional.of(GENERATE_CRYPTOGRAM);
      case 0x00008000:
        return Optional.of(VALIDATE_CRYPTOGRAM);
      case 0x00010000:
        return Optional.of(TRANSLATE_ENCRYPT);
      case 0x00020000:
        return Optional.of(TRANSLATE_DECRYPT);
      case 0x00040000:
        return Optional.of(TRANSLATE_WRAP);
      case 0x00080000:
        return Optional.of(TRANSLATE_UNWRAP);
      case 0x00100000:
        return Optional.of(AUTHENTICATE);
      case 0x00200000:
        return Optional.of(UNRESTRICTED);
      case 0x00400000:
        return Optional.of(FPE_ENCRYPT);
      case 0x00800000:
        return Optional.of(FPE_DECRYPT);
      default:
        return Optional.empty();
    }
  }

  /** The bits of these values, or-ed. */
  public static int maskOf(CryptographicUsageMask... values) {
    int m = 0;
    for (CryptographicUsageMask v : values) {
      m |= v.code;
    }
    return m;
  }

  /** The values whose bits are set in {@code mask}; unknown bits are ignored. */
  public static Set<CryptographicUsageMask> fromMask(int mask) {
    EnumSet<CryptographicUsageMask> set = EnumSet.noneOf(CryptographicUsageMask.class);
    for (CryptographicUsageMask v : values()) {
      if ((mask & v.code) == v.code) {
        set.add(v);
      }
    }
    return set;
  }
}
