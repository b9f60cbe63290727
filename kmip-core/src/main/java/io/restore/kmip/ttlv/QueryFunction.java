// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP QueryFunction enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum QueryFunction implements KmipEnum {
  QUERY_OPERATIONS(0x00000001, "QueryOperations"),
  QUERY_OBJECTS(0x00000002, "QueryObjects"),
  QUERY_SERVER_INFORMATION(0x00000003, "QueryServerInformation"),
  QUERY_APPLICATION_NAMESPACES(0x00000004, "QueryApplicationNamespaces"),
  QUERY_EXTENSION_LIST(0x00000005, "QueryExtensionList"),
  QUERY_EXTENSION_MAP(0x00000006, "QueryExtensionMap"),
  QUERY_ATTESTATION_TYPES(0x00000007, "QueryAttestationTypes"),
  QUERY_RNGS(0x00000008, "QueryRngs"),
  QUERY_VALIDATIONS(0x00000009, "QueryValidations"),
  QUERY_PROFILES(0x0000000A, "QueryProfiles"),
  QUERY_CAPABILITIES(0x0000000B, "QueryCapabilities"),
  QUERY_CLIENT_REGISTRATION_METHODS(0x0000000C, "QueryClientRegistrationMethods"),
  QUERY_DEFAULTS_INFORMATION(0x0000000D, "QueryDefaultsInformation"),
  QUERY_STORAGE_PROTECTION_MASKS(0x0000000E, "QueryStorageProtectionMasks");

  private final int code;
  private final String xmlName;

  QueryFunction(int code, String xmlName) {
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
  public static Optional<QueryFunction> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(QUERY_OPERATIONS);
      case 0x00000002:
        return Optional.of(QUERY_OBJECTS);
      case 0x00000003:
        return Optional.of(QUERY_SERVER_INFORMATION);
      case 0x00000004:
        return Optional.of(QUERY_APPLICATION_NAMESPACES);
      case 0x00000005:
        return Optional.of(QUERY_EXTENSION_LIST);
      case 0x00000006:
        return Optional.of(QUERY_EXTENSION_MAP);
      case 0x00000007:
        return Optional.of(QUERY_ATTESTATION_TYPES);
      case 0x00000008:
        return Optional.of(QUERY_RNGS);
      case 0x00000009:
        return Optional.of(QUERY_VALIDATIONS);
      case 0x0000000A:
        return Optional.of(QUERY_PROFILES);
      case 0x0000000B:
        return Optional.of(QUERY_CAPABILITIES);
      case 0x0000000C:
        return Optional.of(QUERY_CLIENT_REGISTRATION_METHODS);
      case 0x0000000D:
        return Optional.of(QUERY_DEFAULTS_INFORMATION);
      case 0x0000000E:
        return Optional.of(QUERY_STORAGE_PROTECTION_MASKS);
      default:
        return Optional.empty();
    }
  }
}
