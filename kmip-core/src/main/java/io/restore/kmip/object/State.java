package io.restore.kmip.object;

import java.util.Optional;

/** Object states and their codes, KMIP 1.4 §3.22 and §9.1.3.2.17. */
public enum State {
  PRE_ACTIVE(0x01),
  ACTIVE(0x02),
  DEACTIVATED(0x03),
  COMPROMISED(0x04),
  DESTROYED(0x05),
  DESTROYED_COMPROMISED(0x06);

  private final int code;

  State(int code) {
    this.code = code;
  }

  /** The KMIP enumeration value. */
  public int code() {
    return code;
  }

  /** Key material exists only in these states (KMIP 1.4 §3.22: destroyed objects keep metadata). */
  public boolean hasMaterial() {
    return this != DESTROYED && this != DESTROYED_COMPROMISED;
  }

  public static Optional<State> fromCode(int code) {
    for (State s : values()) {
      if (s.code == code) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }
}
