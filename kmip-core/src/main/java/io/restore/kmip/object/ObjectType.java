package io.restore.kmip.object;

import java.util.Optional;

/** The managed object types this server keeps. Codes from KMIP 1.4 §9.1.3.2.12 (Object Type). */
public enum ObjectType {
  SYMMETRIC_KEY(0x02),
  SECRET_DATA(0x07);

  private final int code;

  ObjectType(int code) {
    this.code = code;
  }

  /** The KMIP enumeration value. */
  public int code() {
    return code;
  }

  public static Optional<ObjectType> fromCode(int code) {
    for (ObjectType t : values()) {
      if (t.code == code) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
