package io.restore.kmip.object;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.State;

/** The state transitions and state-dependent permissions of KMIP 1.4 §3.22. */
final class StateRules {
  private StateRules() {}

  /**
   * Protecting (encrypt) needs Active; processing (decrypt) also works Deactivated or Compromised.
   * Only symmetric keys do either.
   */
  static void checkUse(String uid, ObjectType type, State state, boolean protect)
      throws ObjectException {
    if (type != ObjectType.SYMMETRIC_KEY) {
      throw new ObjectException(
          ResultReason.ILLEGAL_OPERATION, "object " + uid + " is not a symmetric key");
    }
    boolean allowed =
        protect
            ? state == State.ACTIVE
            : state == State.ACTIVE || state == State.DEACTIVATED || state == State.COMPROMISED;
    if (!allowed) {
      throw new ObjectException(
          ResultReason.PERMISSION_DENIED,
          "object " + uid + " is " + state + " and cannot " + (protect ? "encrypt" : "decrypt"));
    }
  }

  /** Activate (KMIP 1.4 §4.19) works only on Pre-Active objects. */
  static void checkActivate(String uid, State state) throws ObjectException {
    if (state != State.PRE_ACTIVE) {
      throw new ObjectException(
          ResultReason.PERMISSION_DENIED, "object " + uid + " is " + state + ", not Pre-Active");
    }
  }

  /** Revoke for compromise (KMIP 1.4 §4.20): any state to Compromised, or Destroyed Compromised. */
  static State compromised(State state) {
    return switch (state) {
      case PRE_ACTIVE, ACTIVE, DEACTIVATED, COMPROMISED -> State.COMPROMISED;
      case DESTROYED, DESTROYED_COMPROMISED -> State.DESTROYED_COMPROMISED;
    };
  }

  /** Revoke for another reason (KMIP 1.4 §4.20) deactivates only Active objects. */
  static void checkDeactivate(String uid, State state) throws ObjectException {
    if (state != State.ACTIVE) {
      throw new ObjectException(
          ResultReason.PERMISSION_DENIED,
          "object " + uid + " is " + state + "; only Active objects are deactivated by Revoke");
    }
  }

  /** Destroy (KMIP 1.4 §4.21): refused while Active or once destroyed. */
  static State destroyed(String uid, State state) throws ObjectException {
    return switch (state) {
      case PRE_ACTIVE, DEACTIVATED -> State.DESTROYED;
      case COMPROMISED -> State.DESTROYED_COMPROMISED;
      case ACTIVE ->
          throw new ObjectException(
              ResultReason.PERMISSION_DENIED,
              "object " + uid + " is Active; revoke it before destroying it");
      case DESTROYED, DESTROYED_COMPROMISED ->
          throw new ObjectException(
              ResultReason.ITEM_NOT_FOUND, "object " + uid + " is already destroyed");
    };
  }
}
