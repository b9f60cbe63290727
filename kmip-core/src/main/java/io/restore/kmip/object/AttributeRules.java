package io.restore.kmip.object;

import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.State;
import java.util.Set;

/** Which attributes a client may set or change, and which may hold several values (KMIP 1.4 §3). */
final class AttributeRules {
  private AttributeRules() {}

  /** Attributes only the server sets (KMIP 1.4 §3, "Modifiable by client: No"). */
  static final Set<String> SERVER_ONLY =
      Set.of(
          StoredAttribute.UNIQUE_IDENTIFIER,
          StoredAttribute.OBJECT_TYPE,
          StoredAttribute.STATE,
          StoredAttribute.INITIAL_DATE,
          StoredAttribute.DESTROY_DATE,
          StoredAttribute.COMPROMISE_DATE,
          StoredAttribute.COMPROMISE_OCCURRENCE_DATE,
          StoredAttribute.REVOCATION_REASON,
          StoredAttribute.LAST_CHANGE_DATE,
          StoredAttribute.DIGEST,
          "Fresh",
          "Always Sensitive",
          "Never Extractable",
          "Lease Time",
          "Random Number Generator");

  /** Attributes fixed once the object exists; they describe the key material. */
  static final Set<String> FIXED_AFTER_CREATION =
      Set.of(
          StoredAttribute.CRYPTOGRAPHIC_ALGORITHM,
          StoredAttribute.CRYPTOGRAPHIC_LENGTH,
          StoredAttribute.ORIGINAL_CREATION_DATE,
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
          creating ? ResultReason.INVALID_FIELD : ResultReason.PERMISSION_DENIED,
          "attribute " + name + " is set by the server only");
    }
    if (!creating && name.equals(StoredAttribute.ACTIVATION_DATE) && state != State.PRE_ACTIVE) {
      // KMIP 1.4 §3.24: the Activation Date may change only before activation.
      throw new ObjectException(
          ResultReason.PERMISSION_DENIED,
          "object " + uid + " is " + state + ": its Activation Date is fixed");
    }
    if (!creating && FIXED_AFTER_CREATION.contains(name)) {
      throw new ObjectException(
          ResultReason.PERMISSION_DENIED, "attribute " + name + " cannot change after creation");
    }
  }

  /** KMIP 1.4 §3: these may hold several instances; custom (x-, y-) attributes too. */
  static boolean isMultiValued(String name) {
    return name.equals(StoredAttribute.NAME)
        || name.equals(StoredAttribute.OBJECT_GROUP)
        || name.equals(StoredAttribute.LINK)
        || name.equals(StoredAttribute.CRYPTOGRAPHIC_PARAMETERS)
        || name.equals(StoredAttribute.APPLICATION_SPECIFIC_INFORMATION)
        || name.startsWith("x-")
        || name.startsWith("y-");
  }
}
