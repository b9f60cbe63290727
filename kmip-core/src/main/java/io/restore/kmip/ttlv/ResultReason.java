// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP ResultReason enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum ResultReason implements KmipEnum {
  ITEM_NOT_FOUND(0x00000001, "ItemNotFound"),
  RESPONSE_TOO_LARGE(0x00000002, "ResponseTooLarge"),
  AUTHENTICATION_NOT_SUCCESSFUL(0x00000003, "AuthenticationNotSuccessful"),
  INVALID_MESSAGE(0x00000004, "InvalidMessage"),
  OPERATION_NOT_SUPPORTED(0x00000005, "OperationNotSupported"),
  MISSING_DATA(0x00000006, "MissingData"),
  INVALID_FIELD(0x00000007, "InvalidField"),
  FEATURE_NOT_SUPPORTED(0x00000008, "FeatureNotSupported"),
  OPERATION_CANCELED_BY_REQUESTER(0x00000009, "OperationCanceledByRequester"),
  CRYPTOGRAPHIC_FAILURE(0x0000000A, "CryptographicFailure"),
  ILLEGAL_OPERATION(0x0000000B, "IllegalOperation"),
  PERMISSION_DENIED(0x0000000C, "PermissionDenied"),
  OBJECT_ARCHIVED(0x0000000D, "ObjectArchived"),
  INDEX_OUT_OF_BOUNDS(0x0000000E, "IndexOutOfBounds"),
  APPLICATION_NAMESPACE_NOT_SUPPORTED(0x0000000F, "ApplicationNamespaceNotSupported"),
  KEY_FORMAT_TYPE_NOT_SUPPORTED(0x00000010, "KeyFormatTypeNotSupported"),
  KEY_COMPRESSION_TYPE_NOT_SUPPORTED(0x00000011, "KeyCompressionTypeNotSupported"),
  ENCODING_OPTION_ERROR(0x00000012, "EncodingOptionError"),
  KEY_VALUE_NOT_PRESENT(0x00000013, "KeyValueNotPresent"),
  ATTESTATION_REQUIRED(0x00000014, "AttestationRequired"),
  ATTESTATION_FAILED(0x00000015, "AttestationFailed"),
  SENSITIVE(0x00000016, "Sensitive"),
  NOT_EXTRACTABLE(0x00000017, "NotExtractable"),
  OBJECT_ALREADY_EXISTS(0x00000018, "ObjectAlreadyExists"),
  GENERAL_FAILURE(0x00000100, "GeneralFailure"),
  INVALID_TICKET(0x00000019, "InvalidTicket"),
  USAGE_LIMIT_EXCEEDED(0x0000001A, "UsageLimitExceeded"),
  NUMERIC_RANGE(0x0000001B, "NumericRange"),
  INVALID_DATA_TYPE(0x0000001C, "InvalidDataType"),
  READ_ONLY_ATTRIBUTE(0x0000001D, "ReadOnlyAttribute"),
  MULTI_VALUED_ATTRIBUTE(0x0000001E, "MultiValuedAttribute"),
  UNSUPPORTED_ATTRIBUTE(0x0000001F, "UnsupportedAttribute"),
  ATTRIBUTE_INSTANCE_NOT_FOUND(0x00000020, "AttributeInstanceNotFound"),
  ATTRIBUTE_NOT_FOUND(0x00000021, "AttributeNotFound"),
  ATTRIBUTE_READ_ONLY(0x00000022, "AttributeReadOnly"),
  ATTRIBUTE_SINGLE_VALUED(0x00000023, "AttributeSingleValued"),
  BAD_CRYPTOGRAPHIC_PARAMETERS(0x00000024, "BadCryptographicParameters"),
  BAD_PASSWORD(0x00000025, "BadPassword"),
  CODEC_ERROR(0x00000026, "CodecError"),
  ILLEGAL_OBJECT_TYPE(0x00000028, "IllegalObjectType"),
  INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK(0x00000029, "IncompatibleCryptographicUsageMask"),
  INTERNAL_SERVER_ERROR(0x0000002A, "InternalServerError"),
  INVALID_ASYNCHRONOUS_CORRELATION_VALUE(0x0000002B, "InvalidAsynchronousCorrelationValue"),
  INVALID_ATTRIBUTE(0x0000002C, "InvalidAttribute"),
  INVALID_ATTRIBUTE_VALUE(0x0000002D, "InvalidAttributeValue"),
  INVALID_CORRELATION_VALUE(0x0000002E, "InvalidCorrelationValue"),
  INVALID_CSR(0x0000002F, "InvalidCSR"),
  INVALID_OBJECT_TYPE(0x00000030, "InvalidObjectType"),
  KEY_WRAP_TYPE_NOT_SUPPORTED(0x00000032, "KeyWrapTypeNotSupported"),
  MISSING_INITIALIZATION_VECTOR(0x00000034, "MissingInitializationVector"),
  NON_UNIQUE_NAME_ATTRIBUTE(0x00000035, "NonUniqueNameAttribute"),
  OBJECT_DESTROYED(0x00000036, "ObjectDestroyed"),
  OBJECT_NOT_FOUND(0x00000037, "ObjectNotFound"),
  NOT_AUTHORISED(0x00000039, "NotAuthorised"),
  SERVER_LIMIT_EXCEEDED(0x0000003A, "ServerLimitExceeded"),
  UNKNOWN_ENUMERATION(0x0000003B, "UnknownEnumeration"),
  UNKNOWN_MESSAGE_EXTENSION(0x0000003C, "UnknownMessageExtension"),
  UNKNOWN_TAG(0x0000003D, "UnknownTag"),
  UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS(0x0000003E, "UnsupportedCryptographicParameters"),
  UNSUPPORTED_PROTOCOL_VERSION(0x0000003F, "UnsupportedProtocolVersion"),
  WRAPPING_OBJECT_ARCHIVED(0x00000040, "WrappingObjectArchived"),
  WRAPPING_OBJECT_DESTROYED(0x00000041, "WrappingObjectDestroyed"),
  WRAPPING_OBJECT_NOT_FOUND(0x00000042, "WrappingObjectNotFound"),
  WRONG_KEY_LIFECYCLE_STATE(0x00000043, "WrongKeyLifecycleState"),
  PROTECTION_STORAGE_UNAVAILABLE(0x00000044, "ProtectionStorageUnavailable"),
  PKCS11_CODEC_ERROR(0x00000045, "PKCS_11CodecError"),
  PKCS11_INVALID_FUNCTION(0x00000046, "PKCS_11InvalidFunction"),
  PKCS11_INVALID_INTERFACE(0x00000047, "PKCS_11InvalidInterface");

  private final int code;
  private final String xmlName;

  ResultReason(int code, String xmlName) {
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
  public static Optional<ResultReason> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(ITEM_NOT_FOUND);
      case 0x00000002:
        return Optional.of(RESPONSE_TOO_LARGE);
      case 0x00000003:
        return Optional.of(AUTHENTICATION_NOT_SUCCESSFUL);
      case 0x00000004:
        return Optional.of(INVALID_MESSAGE);
      case 0x00000005:
        return Optional.of(OPERATION_NOT_SUPPORTED);
      case 0x00000006:
        return Optional.of(MISSING_DATA);
      case 0x00000007:
        return Optional.of(INVALID_FIELD);
      case 0x00000008:
        return Optional.of(FEATURE_NOT_SUPPORTED);
      case 0x00000009:
        return Optional.of(OPERATION_CANCELED_BY_REQUESTER);
      case 0x0000000A:
        return Optional.of(CRYPTOGRAPHIC_FAILURE);
      case 0x0000000B:
        return Optional.of(ILLEGAL_OPERATION);
      case 0x0000000C:
        return Optional.of(PERMISSION_DENIED);
      case 0x0000000D:
        return Optional.of(OBJECT_ARCHIVED);
      case 0x0000000E:
        return Optional.of(INDEX_OUT_OF_BOUNDS);
      case 0x0000000F:
        return Optional.of(APPLICATION_NAMESPACE_NOT_SUPPORTED);
      case 0x00000010:
        return Optional.of(KEY_FORMAT_TYPE_NOT_SUPPORTED);
      case 0x00000011:
        return Optional.of(KEY_COMPRESSION_TYPE_NOT_SUPPORTED);
      case 0x00000012:
        return Optional.of(ENCODING_OPTION_ERROR);
      case 0x00000013:
        return Optional.of(KEY_VALUE_NOT_PRESENT);
      case 0x00000014:
        return Optional.of(ATTESTATION_REQUIRED);
      case 0x00000015:
        return Optional.of(ATTESTATION_FAILED);
      case 0x00000016:
        return Optional.of(SENSITIVE);
      case 0x00000017:
        return Optional.of(NOT_EXTRACTABLE);
      case 0x00000018:
        return Optional.of(OBJECT_ALREADY_EXISTS);
      case 0x00000100:
        return Optional.of(GENERAL_FAILURE);
      case 0x00000019:
        return Optional.of(INVALID_TICKET);
      case 0x0000001A:
        return Optional.of(USAGE_LIMIT_EXCEEDED);
      case 0x0000001B:
        return Optional.of(NUMERIC_RANGE);
      case 0x0000001C:
        return Optional.of(INVALID_DATA_TYPE);
      case 0x0000001D:
        return Optional.of(READ_ONLY_ATTRIBUTE);
      case 0x0000001E:
        return Optional.of(MULTI_VALUED_ATTRIBUTE);
      case 0x0000001F:
        return Optional.of(UNSUPPORTED_ATTRIBUTE);
      case 0x00000020:
        return Optional.of(ATTRIBUTE_INSTANCE_NOT_FOUND);
      case 0x00000021:
        return Optional.of(ATTRIBUTE_NOT_FOUND);
      case 0x00000022:
        return Optional.of(ATTRIBUTE_READ_ONLY);
      case 0x00000023:
        return Optional.of(ATTRIBUTE_SINGLE_VALUED);
      case 0x00000024:
        return Optional.of(BAD_CRYPTOGRAPHIC_PARAMETERS);
      case 0x00000025:
        return Optional.of(BAD_PASSWORD);
      case 0x00000026:
        return Optional.of(CODEC_ERROR);
      case 0x00000028:
        return Optional.of(ILLEGAL_OBJECT_TYPE);
      case 0x00000029:
        return Optional.of(INCOMPATIBLE_CRYPTOGRAPHIC_USAGE_MASK);
      case 0x0000002A:
        return Optional.of(INTERNAL_SERVER_ERROR);
      case 0x0000002B:
        return Optional.of(INVALID_ASYNCHRONOUS_CORRELATION_VALUE);
      case 0x0000002C:
        return Optional.of(INVALID_ATTRIBUTE);
      case 0x0000002D:
        return Optional.of(INVALID_ATTRIBUTE_VALUE);
      case 0x0000002E:
        return Optional.of(INVALID_CORRELATION_VALUE);
      case 0x0000002F:
        return Optional.of(INVALID_CSR);
      case 0x00000030:
        return Optional.of(INVALID_OBJECT_TYPE);
      case 0x00000032:
        return Optional.of(KEY_WRAP_TYPE_NOT_SUPPORTED);
      case 0x00000034:
        return Optional.of(MISSING_INITIALIZATION_VECTOR);
      case 0x00000035:
        return Optional.of(NON_UNIQUE_NAME_ATTRIBUTE);
      case 0x00000036:
        return Optional.of(OBJECT_DESTROYED);
      case 0x00000037:
        return Optional.of(OBJECT_NOT_FOUND);
      case 0x00000039:
        return Optional.of(NOT_AUTHORISED);
      case 0x0000003A:
        return Optional.of(SERVER_LIMIT_EXCEEDED);
      case 0x0000003B:
        return Optional.of(UNKNOWN_ENUMERATION);
      case 0x0000003C:
        return Optional.of(UNKNOWN_MESSAGE_EXTENSION);
      case 0x0000003D:
        return Optional.of(UNKNOWN_TAG);
      case 0x0000003E:
        return Optional.of(UNSUPPORTED_CRYPTOGRAPHIC_PARAMETERS);
      case 0x0000003F:
        return Optional.of(UNSUPPORTED_PROTOCOL_VERSION);
      case 0x00000040:
        return Optional.of(WRAPPING_OBJECT_ARCHIVED);
      case 0x00000041:
        return Optional.of(WRAPPING_OBJECT_DESTROYED);
      case 0x00000042:
        return Optional.of(WRAPPING_OBJECT_NOT_FOUND);
      case 0x00000043:
        return Optional.of(WRONG_KEY_LIFECYCLE_STATE);
      case 0x00000044:
        return Optional.of(PROTECTION_STORAGE_UNAVAILABLE);
      case 0x00000045:
        return Optional.of(PKCS11_CODEC_ERROR);
      case 0x00000046:
        return Optional.of(PKCS11_INVALID_FUNCTION);
      case 0x00000047:
        return Optional.of(PKCS11_INVALID_INTERFACE);
      default:
        return Optional.empty();
    }
  }
}
