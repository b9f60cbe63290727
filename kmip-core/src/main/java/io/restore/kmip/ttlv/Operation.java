// GENERATED from enumerations.tsv by KmipTablesRenderer: do not edit.
package io.restore.kmip.ttlv;

import java.util.Optional;

/** KMIP Operation enumeration values (KMIP 1.4 §9.1.3.2; 2.0 §11). */
public enum Operation implements KmipEnum {
  CREATE(0x00000001, "Create"),
  CREATE_KEY_PAIR(0x00000002, "CreateKeyPair"),
  REGISTER(0x00000003, "Register"),
  REKEY(0x00000004, "ReKey"),
  DERIVE_KEY(0x00000005, "DeriveKey"),
  CERTIFY(0x00000006, "Certify"),
  RECERTIFY(0x00000007, "ReCertify"),
  LOCATE(0x00000008, "Locate"),
  CHECK(0x00000009, "Check"),
  GET(0x0000000A, "Get"),
  GET_ATTRIBUTES(0x0000000B, "GetAttributes"),
  GET_ATTRIBUTE_LIST(0x0000000C, "GetAttributeList"),
  ADD_ATTRIBUTE(0x0000000D, "AddAttribute"),
  MODIFY_ATTRIBUTE(0x0000000E, "ModifyAttribute"),
  DELETE_ATTRIBUTE(0x0000000F, "DeleteAttribute"),
  OBTAIN_LEASE(0x00000010, "ObtainLease"),
  GET_USAGE_ALLOCATION(0x00000011, "GetUsageAllocation"),
  ACTIVATE(0x00000012, "Activate"),
  REVOKE(0x00000013, "Revoke"),
  DESTROY(0x00000014, "Destroy"),
  ARCHIVE(0x00000015, "Archive"),
  RECOVER(0x00000016, "Recover"),
  VALIDATE(0x00000017, "Validate"),
  QUERY(0x00000018, "Query"),
  CANCEL(0x00000019, "Cancel"),
  POLL(0x0000001A, "Poll"),
  NOTIFY(0x0000001B, "Notify"),
  PUT(0x0000001C, "Put"),
  REKEY_KEY_PAIR(0x0000001D, "ReKeyKeyPair"),
  DISCOVER_VERSIONS(0x0000001E, "DiscoverVersions"),
  ENCRYPT(0x0000001F, "Encrypt"),
  DECRYPT(0x00000020, "Decrypt"),
  SIGN(0x00000021, "Sign"),
  SIGNATURE_VERIFY(0x00000022, "SignatureVerify"),
  MAC(0x00000023, "MAC"),
  MAC_VERIFY(0x00000024, "MACVerify"),
  RNG_RETRIEVE(0x00000025, "RNGRetrieve"),
  RNG_SEED(0x00000026, "RNGSeed"),
  HASH(0x00000027, "Hash"),
  CREATE_SPLIT_KEY(0x00000028, "CreateSplitKey"),
  JOIN_SPLIT_KEY(0x00000029, "JoinSplitKey"),
  IMPORT(0x0000002A, "Import"),
  EXPORT(0x0000002B, "Export"),
  LOG(0x0000002C, "Log"),
  LOGIN(0x0000002D, "Login"),
  LOGOUT(0x0000002E, "Logout"),
  DELEGATED_LOGIN(0x0000002F, "DelegatedLogin"),
  ADJUST_ATTRIBUTE(0x00000030, "AdjustAttribute"),
  SET_ATTRIBUTE(0x00000031, "SetAttribute"),
  SET_ENDPOINT_ROLE(0x00000032, "SetEndpointRole"),
  PKCS_11(0x00000033, "PKCS_11"),
  INTEROP(0x00000034, "Interop"),
  REPROVISION(0x00000035, "Reprovision");

  private final int code;
  private final String xmlName;

  Operation(int code, String xmlName) {
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
  public static Optional<Operation> fromCode(int code) {
    switch (code) {
      case 0x00000001:
        return Optional.of(CREATE);
      case 0x00000002:
        return Optional.of(CREATE_KEY_PAIR);
      case 0x00000003:
        return Optional.of(REGISTER);
      case 0x00000004:
        return Optional.of(REKEY);
      case 0x00000005:
        return Optional.of(DERIVE_KEY);
      case 0x00000006:
        return Optional.of(CERTIFY);
      case 0x00000007:
        return Optional.of(RECERTIFY);
      case 0x00000008:
        return Optional.of(LOCATE);
      case 0x00000009:
        return Optional.of(CHECK);
      case 0x0000000A:
        return Optional.of(GET);
      case 0x0000000B:
        return Optional.of(GET_ATTRIBUTES);
      case 0x0000000C:
        return Optional.of(GET_ATTRIBUTE_LIST);
      case 0x0000000D:
        return Optional.of(ADD_ATTRIBUTE);
      case 0x0000000E:
        return Optional.of(MODIFY_ATTRIBUTE);
      case 0x0000000F:
        return Optional.of(DELETE_ATTRIBUTE);
      case 0x00000010:
        return Optional.of(OBTAIN_LEASE);
      case 0x00000011:
        return Optional.of(GET_USAGE_ALLOCATION);
      case 0x00000012:
        return Optional.of(ACTIVATE);
      case 0x00000013:
        return Optional.of(REVOKE);
      case 0x00000014:
        return Optional.of(DESTROY);
      case 0x00000015:
        return Optional.of(ARCHIVE);
      case 0x00000016:
        return Optional.of(RECOVER);
      case 0x00000017:
        return Optional.of(VALIDATE);
      case 0x00000018:
        return Optional.of(QUERY);
      case 0x00000019:
        return Optional.of(CANCEL);
      case 0x0000001A:
        return Optional.of(POLL);
      case 0x0000001B:
        return Optional.of(NOTIFY);
      case 0x0000001C:
        return Optional.of(PUT);
      case 0x0000001D:
        return Optional.of(REKEY_KEY_PAIR);
      case 0x0000001E:
        return Optional.of(DISCOVER_VERSIONS);
      case 0x0000001F:
        return Optional.of(ENCRYPT);
      case 0x00000020:
        return Optional.of(DECRYPT);
      case 0x00000021:
        return Optional.of(SIGN);
      case 0x00000022:
        return Optional.of(SIGNATURE_VERIFY);
      case 0x00000023:
        return Optional.of(MAC);
      case 0x00000024:
        return Optional.of(MAC_VERIFY);
      case 0x00000025:
        return Optional.of(RNG_RETRIEVE);
      case 0x00000026:
        return Optional.of(RNG_SEED);
      case 0x00000027:
        return Optional.of(HASH);
      case 0x00000028:
        return Optional.of(CREATE_SPLIT_KEY);
      case 0x00000029:
        return Optional.of(JOIN_SPLIT_KEY);
      case 0x0000002A:
        return Optional.of(IMPORT);
      case 0x0000002B:
        return Optional.of(EXPORT);
      case 0x0000002C:
        return Optional.of(LOG);
      case 0x0000002D:
        return Optional.of(LOGIN);
      case 0x0000002E:
        return Optional.of(LOGOUT);
      case 0x0000002F:
        return Optional.of(DELEGATED_LOGIN);
      case 0x00000030:
        return Optional.of(ADJUST_ATTRIBUTE);
      case 0x00000031:
        return Optional.of(SET_ATTRIBUTE);
      case 0x00000032:
        return Optional.of(SET_ENDPOINT_ROLE);
      case 0x00000033:
        return Optional.of(PKCS_11);
      case 0x00000034:
        return Optional.of(INTEROP);
      case 0x00000035:
        return Optional.of(REPROVISION);
      default:
        return Optional.empty();
    }
  }
}
