// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP RevocationReasonCode enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum RevocationReasonCode implements KmipEnum {
  UNSPECIFIED(0x00000001, "Unspecified"),
  KEY_COMPROMISE(0x00000002, "KeyCompromise"),
  CA_COMPROMISE(0x00000003, "CACompromise"),
  AFFILIATION_CHANGED(0x00000004, "AffiliationChanged"),
  SUPERSEDED(0x00000005, "Superseded"),
  CESSATION_OF_OPERATION(0x00000006, "CessationOfOperation"),
  PRIVILEGE_WITHDRAWN(0x00000007, "PrivilegeWithdrawn");

  private final int code;
  private final String xmlName;

  RevocationReasonCode(int code, String xmlName) {
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
  public static Optional<RevocationReasonCode> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(UNSPECIFIED);
      case 0x00000002:
        return Optional.of(KEY_COMPROMISE);
      case 0x00000003:
        return Optional.of(CA_COMPROMISE);
      case 0x00000004:
        return Optional.of(AFFILIATION_CHANGED);
      case 0x00000005:
        return Optional.of(SUPERSEDED);
      case 0x00000006:
        return Optional.of(CESSATION_OF_OPERATION);
      case 0x00000007:
        return Optional.of(PRIVILEGE_WITHDRAWN);
      default:
        return Optional.empty();
    }
  }
}
