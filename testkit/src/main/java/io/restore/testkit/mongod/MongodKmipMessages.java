package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.KmipTtlv.*;

import java.util.Arrays;

/**
 * mongod's KMIP requests, byte for byte (docs/design/mongod-kmip.md, "Golden request bytes"), and
 * its strict reading of the replies.
 */
final class MongodKmipMessages {
  private MongodKmipMessages() {}

  static final int OP_GET = 0x0A; // KMIP 1.4 §9.1.3.2.27
  static final int OP_GET_ATTRIBUTES = 0x0B;
  static final int OBJECT_TYPE_SYMMETRIC_KEY = 2; // KMIP 1.4 §9.1.3.2.12
  static final int KEY_FORMAT_RAW = 1; // §9.1.3.2.3
  static final int ALGORITHM_AES = 3; // §9.1.3.2.13
  static final int STATE_ACTIVE = 2; // §9.1.3.2.17
  static final int RESULT_SUCCESS = 0; // §9.1.3.2.28

  /** Get(uid): UniqueIdentifier only, no TimeStamp, no batch item id. */
  static byte[] get(String uid, boolean legacy) {
    return request(legacy, OP_GET, text(UNIQUE_IDENTIFIER, uid));
  }

  /** GetAttributes(uid, "State") in the KMIP 1.x form. */
  static byte[] getStateAttribute(String uid, boolean legacy) {
    return request(
        legacy, OP_GET_ATTRIBUTES, text(UNIQUE_IDENTIFIER, uid), text(ATTRIBUTE_NAME, "State"));
  }

  private static byte[] request(boolean legacy, int operation, byte[]... payload) {
    return structure(
        REQUEST_MESSAGE,
        structure(
            REQUEST_HEADER,
            structure(
                PROTOCOL_VERSION,
                integer(PROTOCOL_VERSION_MAJOR, 1),
                integer(PROTOCOL_VERSION_MINOR, legacy ? 0 : 2)),
            integer(BATCH_COUNT, 1)),
        structure(
            BATCH_ITEM, enumeration(OPERATION, operation), structure(REQUEST_PAYLOAD, payload)));
  }

  /** The 32-byte key from a Get reply, checked as mongod checks it. */
  static byte[] readGetReply(byte[] message, String uid) throws KmipReplyException {
    KmipTtlv.Scan payload = payload(message, OP_GET, "Get");
    int objectType = payload.require(OBJECT_TYPE, "Object Type").intValue();
    if (objectType != OBJECT_TYPE_SYMMETRIC_KEY) {
      throw new KmipReplyException("Get returned Object Type " + objectType + ", not SymmetricKey");
    }
    checkUid(payload, uid, "Get");
    KmipTtlv.Scan keyBlock =
        payload
            .require(SYMMETRIC_KEY, "Symmetric Key")
            .children()
            .require(KEY_BLOCK, "Key Block")
            .children();
    int format = keyBlock.require(KEY_FORMAT_TYPE, "Key Format Type").intValue();
    if (format != KEY_FORMAT_RAW) {
      throw new KmipReplyException("Get returned Key Format Type " + format + ", not Raw");
    }
    byte[] key =
        keyBlock
            .require(KEY_VALUE, "Key Value")
            .children()
            .require(KEY_MATERIAL, "Key Material")
            .bytes();
    if (key.length != 32) {
      Arrays.fill(key, (byte) 0);
      throw new KmipReplyException(
          "Get returned " + key.length + " bytes of Key Material, not 32 (AES-256)");
    }
    var algorithm = keyBlock.optional(CRYPTOGRAPHIC_ALGORITHM, "Cryptographic Algorithm");
    if (algorithm.isPresent() && algorithm.get().intValue() != ALGORITHM_AES) {
      throw new KmipReplyException("Get returned a key that is not AES");
    }
    var length = keyBlock.optional(CRYPTOGRAPHIC_LENGTH, "Cryptographic Length");
    if (length.isPresent() && length.get().intValue() != 256) {
      throw new KmipReplyException("Get returned a key whose Cryptographic Length is not 256");
    }
    return key;
  }

  /** The State from a GetAttributes reply (Active = 2). */
  static int readStateReply(byte[] message, String uid) throws KmipReplyException {
    KmipTtlv.Scan payload = payload(message, OP_GET_ATTRIBUTES, "GetAttributes");
    checkUid(payload, uid, "GetAttributes");
    KmipTtlv.Scan attribute = payload.require(ATTRIBUTE, "Attribute").children();
    String name = attribute.require(ATTRIBUTE_NAME, "Attribute Name").text();
    if (!name.equals("State")) {
      throw new KmipReplyException("GetAttributes returned attribute '" + name + "', not State");
    }
    return attribute.require(ATTRIBUTE_VALUE, "Attribute Value").intValue();
  }

  private static void checkUid(KmipTtlv.Scan payload, String uid, String op)
      throws KmipReplyException {
    String got = payload.require(UNIQUE_IDENTIFIER, "Unique Identifier").text();
    if (!got.equals(uid)) {
      // mongod names its key directory after the UID in the reply
      throw new KmipReplyException(
          op + " returned Unique Identifier '" + got + "', not the requested '" + uid + "'");
    }
  }

  private static KmipTtlv.Scan payload(byte[] message, int operation, String op)
      throws KmipReplyException {
    KmipTtlv.Scan top = new KmipTtlv.Scan(message, 0, message.length, "the reply");
    KmipTtlv.Scan response = top.require(RESPONSE_MESSAGE, "Response Message").children();
    KmipTtlv.Scan header = response.require(RESPONSE_HEADER, "Response Header").children();
    header.require(PROTOCOL_VERSION, "Protocol Version");
    header.require(TIME_STAMP, "Time Stamp"); // required by mongod
    header.require(BATCH_COUNT, "Batch Count");
    KmipTtlv.Scan item = response.require(BATCH_ITEM, "Batch Item").children();
    int gotOperation = item.require(OPERATION, "Operation").intValue();
    if (gotOperation != operation) {
      throw new KmipReplyException(
          String.format("%s reply carries Operation 0x%02X", op, gotOperation));
    }
    int status = item.require(RESULT_STATUS, "Result Status").intValue();
    if (status != RESULT_SUCCESS) {
      // mongod needs both: a missing Result Message is a parse error
      int reason = item.require(RESULT_REASON, "Result Reason").intValue();
      String text = item.require(RESULT_MESSAGE, "Result Message").text();
      throw new KmipReplyException(
          String.format(
              "%s failed: Result Status %d, Result Reason %d: %s", op, status, reason, text));
    }
    return item.require(RESPONSE_PAYLOAD, "Response Payload").children();
  }
}
