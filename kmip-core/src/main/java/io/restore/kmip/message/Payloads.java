package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Operation;

/**
 * Chooses the payload record for an operation. Operations without a record, and the KMIP 2.x
 * attribute operations whose layout changed (Add/Modify/Delete Attribute), stay {@link RawPayload}.
 */
final class Payloads {
  private Payloads() {}

  static RequestPayload readRequest(Operation op, Item.Structure payload, ProtocolVersion version)
      throws KmipException {
    Fields in = Fields.of(payload, "Request Payload of " + op.xmlName());
    RequestPayload p = request(op, in, version);
    in.end();
    return p;
  }

  static ResponsePayload readResponse(Operation op, Item.Structure payload, ProtocolVersion version)
      throws KmipException {
    Fields in = Fields.of(payload, "Response Payload of " + op.xmlName());
    ResponsePayload p = response(op, in, version);
    in.end();
    return p;
  }

  private static RequestPayload request(Operation op, Fields in, ProtocolVersion v)
      throws KmipException {
    switch (op) {
      case CREATE:
        return CreateRequest.read(in);
      case REGISTER:
        return RegisterRequest.read(in);
      case GET:
        return GetRequest.read(in);
      case ACTIVATE:
        return ActivateRequest.read(in);
      case REVOKE:
        return RevokeRequest.read(in);
      case DESTROY:
        return DestroyRequest.read(in);
      case GET_ATTRIBUTES:
        return GetAttributesRequest.read(in);
      case GET_ATTRIBUTE_LIST:
        return GetAttributeListRequest.read(in);
      case ADD_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : AddAttributeRequest.read(in);
      case MODIFY_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : ModifyAttributeRequest.read(in);
      case DELETE_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : DeleteAttributeRequest.read(in);
      case LOCATE:
        return LocateRequest.read(in);
      case QUERY:
        return QueryRequest.read(in);
      case DISCOVER_VERSIONS:
        return DiscoverVersionsRequest.read(in);
      case ENCRYPT:
        return EncryptRequest.read(in);
      case DECRYPT:
        return DecryptRequest.read(in);
      default:
        return raw(in);
    }
  }

  private static ResponsePayload response(Operation op, Fields in, ProtocolVersion v)
      throws KmipException {
    switch (op) {
      case CREATE:
        return CreateResponse.read(in);
      case REGISTER:
        return RegisterResponse.read(in);
      case GET:
        return GetResponse.read(in);
      case ACTIVATE:
        return ActivateResponse.read(in);
      case REVOKE:
        return RevokeResponse.read(in);
      case DESTROY:
        return DestroyResponse.read(in);
      case GET_ATTRIBUTES:
        return GetAttributesResponse.read(in);
      case GET_ATTRIBUTE_LIST:
        return GetAttributeListResponse.read(in);
      case ADD_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : AddAttributeResponse.read(in);
      case MODIFY_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : ModifyAttributeResponse.read(in);
      case DELETE_ATTRIBUTE:
        return v.atLeast2() ? raw(in) : DeleteAttributeResponse.read(in);
      case LOCATE:
        return LocateResponse.read(in);
      case QUERY:
        return QueryResponse.read(in);
      case DISCOVER_VERSIONS:
        return DiscoverVersionsResponse.read(in);
      case ENCRYPT:
        return EncryptResponse.read(in);
      case DECRYPT:
        return DecryptResponse.read(in);
      default:
        return raw(in);
    }
  }

  private static RawPayload raw(Fields in) {
    return new RawPayload(in.remaining());
  }
}
