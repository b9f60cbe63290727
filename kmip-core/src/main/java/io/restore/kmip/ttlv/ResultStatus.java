// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP ResultStatus enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum ResultStatus implements KmipEnum {
  SUCCESS(0x00000000, "Success"),
  OPERATION_FAILED(0x00000001, "OperationFailed"),
  OPERATION_PENDING(0x00000002, "OperationPending"),
  OPERATION_UNDONE(0x00000003, "OperationUndone");

  private final int code;
  private final String xmlName;

  ResultStatus(int code, String xmlName) {
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
  public static Optional<ResultStatus> fromCode(int code) {
    switch (code) {
      case 0x00000000:
        return Optional.of(SUCCESS);
      case 0x00000001:
        return Optional.of(OPERATION_FAILED);
      case 0x00000002:
        return Optional.of(OPERATION_PENDING);
      case 0x00000003:
        return Optional.of(OPERATION_UNDONE);
      default:
        return Optional.empty();
    }
  }
}
