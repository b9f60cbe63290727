// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP NameType enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum NameType implements KmipEnum {
  UNINTERPRETED_TEXT_STRING(0x00000001, "UninterpretedTextString"),
  URI(0x00000002, "URI");

  private final int code;
  private final String xmlName;

  NameType(int code, String xmlName) {
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
  public static Optional<NameType> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(UNINTERPRETED_TEXT_STRING);
      case 0x00000002:
        return Optional.of(URI);
      default:
        return Optional.empty();
    }
  }
}
