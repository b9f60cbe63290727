package io.restore.kmip.object;

import java.util.Objects;

/** One attribute instance: its name, its index among values of that name, and its value. */
public record StoredAttribute(String name, int index, AttributeValue value) {
  public StoredAttribute {
    Objects.requireNonNull(name);
    Objects.requireNonNull(value);
    if (index < 0) {
      throw new IllegalArgumentException("negative attribute index " + index);
    }
  }

  // KMIP 1.4 §3 attribute names (1.x "Attribute Name" text form).
  public static final String UNIQUE_IDENTIFIER = "Unique Identifier";
  public static final String NAME = "Name";
  public static final String OBJECT_TYPE = "Object Type";
  public static final String CRYPTOGRAPHIC_ALGORITHM = "Cryptographic Algorithm";
  public static final String CRYPTOGRAPHIC_LENGTH = "Cryptographic Length";
  public static final String CRYPTOGRAPHIC_PARAMETERS = "Cryptographic Parameters";
  public static final String CRYPTOGRAPHIC_USAGE_MASK = "Cryptographic Usage Mask";
  public static final String DIGEST = "Digest";
  public static final String STATE = "State";
  public static final String INITIAL_DATE = "Initial Date";
  public static final String ACTIVATION_DATE = "Activation Date";
  public static final String PROCESS_START_DATE = "Process Start Date";
  public static final String PROTECT_STOP_DATE = "Protect Stop Date";
  public static final String DEACTIVATION_DATE = "Deactivation Date";
  public static final String DESTROY_DATE = "Destroy Date";
  public static final String COMPROMISE_OCCURRENCE_DATE = "Compromise Occurrence Date";
  public static final String COMPROMISE_DATE = "Compromise Date";
  public static final String REVOCATION_REASON = "Revocation Reason";
  public static final String OBJECT_GROUP = "Object Group";
  public static final String LINK = "Link";
  public static final String LAST_CHANGE_DATE = "Last Change Date";
  public static final String ORIGINAL_CREATION_DATE = "Original Creation Date";
  public static final String CONTACT_INFORMATION = "Contact Information";
  public static final String APPLICATION_SPECIFIC_INFORMATION = "Application Specific Information";
  public static final String SENSITIVE = "Sensitive";
  public static final String EXTRACTABLE = "Extractable";
}
