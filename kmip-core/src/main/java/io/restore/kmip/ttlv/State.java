// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP State enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum State implements KmipEnum {
  PRE_ACTIVE(0x00000001, "PreActive"),
  ACTIVE(0x00000002, "Active"),
  DEACTIVATED(0x00000003, "Deactivated"),
  COMPROMISED(0x00000004, "Compromised"),
  DESTROYED(0x00000005, "Destroyed"),
  DESTROYED_COMPROMISED(0x00000006, "DestroyedCompromised");

  private final int code;
  private final String xmlName;

  State(int code, String xmlName) {
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
  public static Optional<State> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(PRE_ACTIVE);
      case 0x00000002:
        return Optional.of(ACTIVE);
      case 0x00000003:
        return Optional.of(DEACTIVATED);
      case 0x00000004:
        return Optional.of(COMPROMISED);
      case 0x00000005:
        return Optional.of(DESTROYED);
      case 0x00000006:
        return Optional.of(DESTROYED_COMPROMISED);
      default:
        return Optional.empty();
    }
  }
}
