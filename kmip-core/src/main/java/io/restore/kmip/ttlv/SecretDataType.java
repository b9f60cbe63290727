// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP SecretDataType enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum SecretDataType implements KmipEnum {
  PASSWORD(0x00000001, "Password"),
  SEED(0x00000002, "Seed");

  private final int code;
  private final String xmlName;

  SecretDataType(int code, String xmlName) {
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
  public static Optional<SecretDataType> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(PASSWORD);
      case 0x00000002:
        return Optional.of(SEED);
      default:
        return Optional.empty();
    }
  }
}
