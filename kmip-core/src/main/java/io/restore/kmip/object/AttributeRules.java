package io.restore.kmip.object;

import io.restore.kmip.object.ObjectException.Reason;
import java.util.Set;

/** Which attributes a client may set or change, and which may hold several values (KMIP 1.4 §3). */
final class AttributeRules {
  private AttributeRules() {}

  /** Attributes only the server sets (KMIP 1.4 §3, "Modifiable by client: No"). */
  static final Set<String> SERVER_ONLY =
      Set.of(
          Attribute.UNIQUE_IDENTIFIER,
          Attribute.OBJECT_TYPE,
          Attribute.STATE,
          Attribute.INITIAL_DATE,
          Attribute.DESTROY_DATE,
          Attribute.COMPROMISE_DATE,
          Attribute.COMPROMISE_OCCURRENCE_DATE,
          Attribute.REVOCATION_REASON,
          Attribute.LAST_CHANGE_DATE,
          Attribute.DIGEST,
          "Fresh",
          "Always Sensitive",
          "Never Extractable",
          "Lease Time",
          "Random Number Generator");

  /** Attributes fixed once the object exists; they describe the key material. */
  static final Set<String> FIXED_AFTER_CREATION =
      Set.of(
          Attribute.CRYPTOGRAPHIC_ALGORITHM,
          Attribute.CRYPTOGRAPHIC_LENGTH,
          Attribute.ORIGINAL_CREATION_DATE,
          "Always Sensitive",
          "Never Extractable");

  /**
   * Refuses a client's change of {@code name} on object {@code uid} in {@code state}, at creation
   * ({@code creating}) or afterwards.
   */
  static void checkClientMayChange(String uid, State state, String name, boolean creating)
      throws ObjectException {
    if (SERVER_ONLY.contains(name)) {
      throw new ObjectException(
          creating ? Reason.INVALID_FIELD : Reason.PERMISSION_DENIED,
          "attribute " + name + " is set by the server only");
    }
    if (!creating && name.equals(Attribute.ACTIVATION_DATE) && state != State.PRE_ACTIVE) {
      // KMIP 1.4 §3.24: the Activation Date may change only before activation.
      throw new ObjectException(
          Reason.PERMISSION_DENIED,
          "object " + uid + " is " + state + ": its Activation Date is fixed");
    }
    if (!creating && FIXED_AFTER_CREATION.contains(name)) {
      throw new ObjectException(
          Reason.PERMISSION_DENIED, "attribute " + name + " cannot change after creation");
    }
  }

  /** KMIP 1.4 §3: these may hold several instances; custom (x-, y-) attributes too. */
  static boolean isMultiValued(String name) {
    return name.equals(Attribute.NAME)
        || name.equals(Attribute.OBJECT_GROUP)
        || name.equals(Attribute.LINK)
        || name.equals(Attribute.CRYPTOGRAPHIC_PARAMETERS)
        || name.equals(Attribute.APPLICATION_SPECIFIC_INFORMATION)
        || name.startsWith("x-")
        || name.startsWith("y-");
  }
}
