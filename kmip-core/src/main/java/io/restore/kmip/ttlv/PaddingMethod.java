// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP PaddingMethod enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum PaddingMethod implements KmipEnum {
  NONE(0x00000001, "None"),
  OAEP(0x00000002, "OAEP"),
  PKCS5(0x00000003, "PKCS5"),
  SSL3(0x00000004, "SSL3"),
  ZEROS(0x00000005, "Zeros"),
  ANSI_X923(0x00000006, "ANSIX9_23"),
  ISO_10126(0x00000007, "ISO10126"),
  PKCS1v15(0x00000008, "PKCS1v1_5"),
  X931(0x00000009, "X9_31"),
  PSS(0x0000000A, "PSS");

  private final int code;
  private final String xmlName;

  PaddingMethod(int code, String xmlName) {
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
  public static Optional<PaddingMethod> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(NONE);
      case 0x00000002:
        return Optional.of(OAEP);
      case 0x00000003:
        return Optional.of(PKCS5);
      case 0x00000004:
        return Optional.of(SSL3);
      case 0x00000005:
        return Optional.of(ZEROS);
      case 0x00000006:
        return Optional.of(ANSI_X923);
      case 0x00000007:
        return Optional.of(ISO_10126);
      case 0x00000008:
        return Optional.of(PKCS1v15);
      case 0x00000009:
        return Optional.of(X931);
      case 0x0000000A:
        return Optional.of(PSS);
      default:
        return Optional.empty();
    }
  }
}
