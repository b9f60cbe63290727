package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.KmipTtlv.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * mongod's requests byte for byte, and its strict reading of replies (docs/design/mongod-kmip.md).
 */
class MongodKmipMessagesTest {
  // docs/design/mongod-kmip.md, "Golden request bytes (UID "1")"
  static final String GOLDEN_GET =
      "42007801000000704200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
          + "000000020000000042000d0200000004000000010000000042000f010000002842005c05000000040000000a00000000"
          + "420079010000001042009407000000013100000000000000";
  static final String GOLDEN_GET_ATTRIBUTES =
      "42007801000000804200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
          + "000000020000000042000d0200000004000000010000000042000f010000003842005c05000000040000000b00000000"
          + "42007901000000204200940700000001310000000000000042000a07000000055374617465000000";

  static final byte[] KEY = new byte[32];

  @Test
  void getIsByteForByteMongods() {
    assertThat(HexFormat.of().formatHex(MongodKmipMessages.get("1", false))).isEqualTo(GOLDEN_GET);
  }

  @Test
  void getAttributesStateIsByteForByteMongods() {
    assertThat(HexFormat.of().formatHex(MongodKmipMessages.getStateAttribute("1", false)))
        .isEqualTo(GOLDEN_GET_ATTRIBUTES);
  }

  @Test
  void legacyProtocolChangesOnlyTheMinorVersion() {
    String legacy = HexFormat.of().formatHex(MongodKmipMessages.get("1", true));
    assertThat(legacy)
        .isEqualTo(
            GOLDEN_GET.replace(
                "42006b02000000040000000200000000", "42006b02000000040000000000000000"));
  }

  static byte[] header(boolean withTimeStamp) {
    byte[] version =
        structure(
            PROTOCOL_VERSION,
            integer(PROTOCOL_VERSION_MAJOR, 1),
            integer(PROTOCOL_VERSION_MINOR, 2));
    byte[] time = item(TIME_STAMP, DATE_TIME, new byte[] {0, 0, 0, 0, 0x60, 0, 0, 0});
    return withTimeStamp
        ? structure(RESPONSE_HEADER, version, time, integer(BATCH_COUNT, 1))
        : structure(RESPONSE_HEADER, version, integer(BATCH_COUNT, 1));
  }

  static byte[] keyBlock(int format, byte[] key) {
    return structure(
        SYMMETRIC_KEY,
        structure(
            KEY_BLOCK,
            enumeration(KEY_FORMAT_TYPE, format),
            structure(KEY_VALUE, item(KEY_MATERIAL, BYTE_STRING, key)),
            enumeration(CRYPTOGRAPHIC_ALGORITHM, 3),
            integer(CRYPTOGRAPHIC_LENGTH, 256)));
  }

  static byte[] getReply(boolean timeStamp, byte[]... payload) {
    return structure(
        RESPONSE_MESSAGE,
        header(timeStamp),
        structure(
            BATCH_ITEM,
            enumeration(OPERATION, 0x0A),
            enumeration(RESULT_STATUS, 0),
            structure(RESPONSE_PAYLOAD, payload)));
  }

  static byte[] goodGetReply(String uid) {
    return getReply(
        true, enumeration(OBJECT_TYPE, 2), text(UNIQUE_IDENTIFIER, uid), keyBlock(1, KEY));
  }

  @Test
  void readsTheKeyFromAGoodGetReply() throws Exception {
    assertThat(MongodKmipMessages.readGetReply(goodGetReply("1"), "1")).hasSize(32);
  }

  @Test
  void rejectsAReplyWithoutTimeStamp() {
    byte[] reply =
        getReply(
            false, enumeration(OBJECT_TYPE, 2), text(UNIQUE_IDENTIFIER, "1"), keyBlock(1, KEY));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("missing Time Stamp");
  }

  @Test
  void rejectsAFailureWithoutResultMessage() {
    byte[] reply =
        structure(
            RESPONSE_MESSAGE,
            header(true),
            structure(
                BATCH_ITEM,
                enumeration(OPERATION, 0x0A),
                enumeration(RESULT_STATUS, 1),
                enumeration(RESULT_REASON, 1)));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("missing Result Message");
  }

  @Test
  void reportsAFailureWithReasonAndMessage() {
    byte[] reply =
        structure(
            RESPONSE_MESSAGE,
            header(true),
            structure(
                BATCH_ITEM,
                enumeration(OPERATION, 0x0A),
                enumeration(RESULT_STATUS, 1),
                enumeration(RESULT_REASON, 1),
                text(RESULT_MESSAGE, "Item Not Found")));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("Result Reason 1: Item Not Found");
  }

  @Test
  void rejectsAnotherUid() {
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(goodGetReply("2"), "1"))
        .hasMessageContaining("'2', not the requested '1'");
  }

  @Test
  void rejectsAKeyThatIsNot32Bytes() {
    byte[] reply =
        getReply(
            true,
            enumeration(OBJECT_TYPE, 2),
            text(UNIQUE_IDENTIFIER, "1"),
            keyBlock(1, new byte[16]));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("not 32");
  }

  @Test
  void rejectsTransparentKeyFormat() {
    byte[] reply =
        getReply(true, enumeration(OBJECT_TYPE, 2), text(UNIQUE_IDENTIFIER, "1"), keyBlock(7, KEY));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("not Raw");
  }

  @Test
  void losesAnExpectedItemThatComesBeforeAnEarlierOne() {
    // UID before Object Type: the scan finds Object Type, then finds no UID after it
    byte[] reply =
        getReply(true, text(UNIQUE_IDENTIFIER, "1"), enumeration(OBJECT_TYPE, 2), keyBlock(1, KEY));
    assertThatThrownBy(() -> MongodKmipMessages.readGetReply(reply, "1"))
        .hasMessageContaining("missing Unique Identifier");
  }

  @Test
  void skipsItemsItDoesNotLookFor() throws Exception {
    byte[] reply =
        getReply(
            true,
            text(0x420055, "extra"),
            enumeration(OBJECT_TYPE, 2),
            text(UNIQUE_IDENTIFIER, "1"),
            keyBlock(1, KEY));
    assertThat(MongodKmipMessages.readGetReply(reply, "1")).hasSize(32);
  }

  @Test
  void readsTheStateFromGetAttributes() throws Exception {
    byte[] reply =
        structure(
            RESPONSE_MESSAGE,
            header(true),
            structure(
                BATCH_ITEM,
                enumeration(OPERATION, 0x0B),
                enumeration(RESULT_STATUS, 0),
                structure(
                    RESPONSE_PAYLOAD,
                    text(UNIQUE_IDENTIFIER, "1"),
                    structure(
                        ATTRIBUTE,
                        text(ATTRIBUTE_NAME, "State"),
                        enumeration(ATTRIBUTE_VALUE, 2)))));
    assertThat(MongodKmipMessages.readStateReply(reply, "1")).isEqualTo(2);
  }
}
