// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP KeyFormatType enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum KeyFormatType implements KmipEnum {
  RAW(0x00000001, "Raw"),
  OPAQUE(0x00000002, "Opaque"),
  PKCS_1(0x00000003, "PKCS_1"),
  PKCS_8(0x00000004, "PKCS_8"),
  X_509(0x00000005, "X_509"),
  EC_PRIVATE_KEY(0x00000006, "ECPrivateKey"),
  TRANSPARENT_SYMMETRIC_KEY(0x00000007, "TransparentSymmetricKey"),
  TRANSPARENT_DSA_PRIVATE_KEY(0x00000008, "TransparentDSAPrivateKey"),
  TRANSPARENT_DSA_PUBLIC_KEY(0x00000009, "TransparentDSAPublicKey"),
  TRANSPARENT_RSA_PRIVATE_KEY(0x0000000A, "TransparentRSAPrivateKey"),
  TRANSPARENT_RSA_PUBLIC_KEY(0x0000000B, "TransparentRSAPublicKey"),
  TRANSPARENT_DH_PRIVATE_KEY(0x0000000C, "TransparentDHPrivateKey"),
  TRANSPARENT_DH_PUBLIC_KEY(0x0000000D, "TransparentDHPublicKey"),
  TRANSPARENT_ECDSA_PRIVATE_KEY(0x0000000E, "TransparentECDSAPrivateKey"),
  TRANSPARENT_ECDSA_PUBLIC_KEY(0x0000000F, "TransparentECDSAPublicKey"),
  TRANSPARENT_ECDH_PRIVATE_KEY(0x00000010, "TransparentECDHPrivateKey"),
  TRANSPARENT_ECDH_PUBLIC_KEY(0x00000011, "TransparentECDHPublicKey"),
  TRANSPARENT_ECMQV_PRIVATE_KEY(0x00000012, "TransparentECMQVPrivateKey"),
  TRANSPARENT_ECMQV_PUBLIC_KEY(0x00000013, "TransparentECMQVPublicKey"),
  TRANSPARENT_EC_PRIVATE_KEY(0x00000014, "TransparentECPrivateKey"),
  TRANSPARENT_EC_PUBLIC_KEY(0x00000015, "TransparentECPublicKey"),
  PKCS_12(0x00000016, "PKCS_12");

  private final int code;
  private final String xmlName;

  KeyFormatType(int code, String xmlName) {
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
  public static Optional<KeyFormatType> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(RAW);
      case 0x00000002:
        return Optional.of(OPAQUE);
      case 0x00000003:
        return Optional.of(PKCS_1);
      case 0x00000004:
        return Optional.of(PKCS_8);
      case 0x00000005:
        return Optional.of(X_509);
      case 0x00000006:
        return Optional.of(EC_PRIVATE_KEY);
      case 0x00000007:
        return Optional.of(TRANSPARENT_SYMMETRIC_KEY);
      case 0x00000008:
        return Optional.of(TRANSPARENT_DSA_PRIVATE_KEY);
      case 0x00000009:
        return Optional.of(TRANSPARENT_DSA_PUBLIC_KEY);
      case 0x0000000A:
        return Optional.of(TRANSPARENT_RSA_PRIVATE_KEY);
      case 0x0000000B:
        return Optional.of(TRANSPARENT_RSA_PUBLIC_KEY);
      case 0x0000000C:
        return Optional.of(TRANSPARENT_DH_PRIVATE_KEY);
      case 0x0000000D:
        return Optional.of(TRANSPARENT_DH_PUBLIC_KEY);
      case 0x0000000E:
        return Optional.of(TRANSPARENT_ECDSA_PRIVATE_KEY);
      case 0x0000000F:
        return Optional.of(TRANSPARENT_ECDSA_PUBLIC_KEY);
      case 0x00000010:
        return Optional.of(TRANSPARENT_ECDH_PRIVATE_KEY);
      case 0x00000011:
        return Optional.of(TRANSPARENT_ECDH_PUBLIC_KEY);
      case 0x00000012:
        return Optional.of(TRANSPARENT_ECMQV_PRIVATE_KEY);
      case 0x00000013:
        return Optional.of(TRANSPARENT_ECMQV_PUBLIC_KEY);
      case 0x00000014:
        return Optional.of(TRANSPARENT_EC_PRIVATE_KEY);
      case 0x00000015:
        return Optional.of(TRANSPARENT_EC_PUBLIC_KEY);
      case 0x00000016:
        return Optional.of(PKCS_12);
      default:
        return Optional.empty();
    }
  }
}
