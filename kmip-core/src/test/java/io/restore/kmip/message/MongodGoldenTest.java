package io.restore.kmip.message;

import static io.restore.kmip.ttlv.Hex.golden;
import static io.restore.kmip.ttlv.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.CryptographicUsageMask;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.State;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvReader;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * mongod's golden requests (docs/design/mongod-kmip.md) decode to the expected trees and re-encode
 * exactly.
 */
class MongodGoldenTest {
  private final TtlvReader reader = TtlvReader.withDefaults();

  private static Item.Structure request(int minor, Item op, Item payload) {
    return Item.Structure.of(
        Tag.REQUEST_MESSAGE,
        Item.Structure.of(
            Tag.REQUEST_HEADER,
            Item.Structure.of(
                Tag.PROTOCOL_VERSION,
                new Item.Int(Tag.PROTOCOL_VERSION_MAJOR, 1),
                new Item.Int(Tag.PROTOCOL_VERSION_MINOR, minor)),
            new Item.Int(Tag.BATCH_COUNT, 1)),
        Item.Structure.of(Tag.BATCH_ITEM, op, payload));
  }

  private static Item.Structure attribute(String name, Item value) {
    return Item.Structure.of(Tag.ATTRIBUTE, new Item.Text(Tag.ATTRIBUTE_NAME, name), value);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0})
  void getDecodesToTheExpectedTreeAndReencodes(int minor) throws Exception {
    byte[] bytes = golden("get-1." + minor + ".hex");
    Item expected =
        request(
            minor,
            new Item.Enumeration(Tag.OPERATION, Operation.GET.code()),
            Item.Structure.of(Tag.REQUEST_PAYLOAD, new Item.Text(Tag.UNIQUE_IDENTIFIER, "1")));
    assertThat(reader.readMessage(bytes, Tag.REQUEST_MESSAGE)).isEqualTo(expected);
    assertThat(TtlvWriter.encode(expected)).isEqualTo(bytes);

    RequestMessage m = RequestMessage.decode(bytes, reader);
    assertThat(m.header().protocolVersion()).isEqualTo(new ProtocolVersion(1, minor));
    assertThat(m.batchItems().get(0).operation()).isEqualTo(Operation.GET);
    assertThat(m.batchItems().get(0).payload()).isEqualTo(GetRequest.of("1"));
    assertThat(m.encode()).isEqualTo(bytes);
    assertThat(
            RequestMessage.of(
                    new ProtocolVersion(1, minor),
                    RequestBatchItem.of(Operation.GET, GetRequest.of("1")))
                .encode())
        .isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0})
  void getAttributesStateDecodesAndReencodes(int minor) throws Exception {
    byte[] bytes = golden("get-attributes-state-1." + minor + ".hex");
    Item expected =
        request(
            minor,
            new Item.Enumeration(Tag.OPERATION, Operation.GET_ATTRIBUTES.code()),
            Item.Structure.of(
                Tag.REQUEST_PAYLOAD,
                new Item.Text(Tag.UNIQUE_IDENTIFIER, "1"),
                new Item.Text(Tag.ATTRIBUTE_NAME, "State")));
    assertThat(reader.readMessage(bytes, Tag.REQUEST_MESSAGE)).isEqualTo(expected);
    RequestMessage m = RequestMessage.decode(bytes, reader);
    assertThat(m.batchItems().get(0).payload()).isEqualTo(GetAttributesRequest.of("1", "State"));
    assertThat(m.encode()).isEqualTo(bytes);
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 0})
  void createDecodesAndReencodes(int minor) throws Exception {
    byte[] bytes = golden("create-1." + minor + ".hex");
    Item expected =
        request(
            minor,
            new Item.Enumeration(Tag.OPERATION, Operation.CREATE.code()),
            Item.Structure.of(
                Tag.REQUEST_PAYLOAD,
                new Item.Enumeration(Tag.OBJECT_TYPE, ObjectType.SYMMETRIC_KEY.code()),
                Item.Structure.of(
                    Tag.TEMPLATE_ATTRIBUTE,
                    attribute(
                        "Cryptographic Algorithm", new Item.Enumeration(Tag.ATTRIBUTE_VALUE, 3)),
                    attribute("Cryptographic Length", new Item.Int(Tag.ATTRIBUTE_VALUE, 256)),
                    attribute("Cryptographic Usage Mask", new Item.Int(Tag.ATTRIBUTE_VALUE, 12)))));
    assertThat(reader.readMessage(bytes, Tag.REQUEST_MESSAGE)).isEqualTo(expected);
    RequestMessage m = RequestMessage.decode(bytes, reader);
    CreateRequest create = (CreateRequest) m.batchItems().get(0).payload();
    assertThat(create.objectType()).isEqualTo(ObjectType.SYMMETRIC_KEY);
    assertThat(create.attributes().find("Cryptographic Algorithm").get().intValue())
        .hasValue(CryptographicAlgorithm.AES.code());
    assertThat(create.attributes().find("Cryptographic Usage Mask").get().intValue())
        .hasValue(
            CryptographicUsageMask.maskOf(
                CryptographicUsageMask.ENCRYPT, CryptographicUsageMask.DECRYPT));
    assertThat(m.encode()).isEqualTo(bytes);
  }

  @Test
  void getResponseFollowsTheFieldOrderMongodReads() throws Exception {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) key[i] = (byte) i;
    var reply =
        ResponseMessage.of(
            ProtocolVersion.V1_2,
            0x5F000000L,
            List.of(
                ResponseBatchItem.success(
                    Operation.GET,
                    Optional.empty(),
                    GetResponse.of(
                        "1", ManagedObject.symmetricKey(key, CryptographicAlgorithm.AES, 256)))));
    byte[] expected =
        hex(
            "42007B 01 00000110"
                + " 42007A 01 00000048"
                + "  420069 01 00000020 42006A 02 00000004 00000001 00000000 42006B 02 00000004 00000002 00000000"
                + "  420092 09 00000008 00000000 5F000000"
                + "  42000D 02 00000004 00000001 00000000"
                + " 42000F 01 000000B8"
                + "  42005C 05 00000004 0000000A 00000000"
                + "  42007F 05 00000004 00000000 00000000"
                + "  42007C 01 00000090"
                + "   420057 05 00000004 00000002 00000000"
                + "   420094 07 00000001 31 00000000000000"
                + "   42008F 01 00000068 420040 01 00000060"
                + "    420042 05 00000004 00000001 00000000"
                + "    420045 01 00000028 420043 08 00000020"
                + "      000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F"
                + "    420028 05 00000004 00000003 00000000"
                + "    42002A 02 00000004 00000100 00000000");
    assertThat(reply.encode()).isEqualTo(expected);
    ResponseMessage back = ResponseMessage.decode(expected, reader);
    GetResponse get = (GetResponse) back.batchItems().get(0).payload().orElseThrow();
    assertThat(get.object().keyMaterial()).hasValue(key);
    assertThat(back.encode()).isEqualTo(expected);
  }

  @Test
  void failureCarriesReasonAndMessage() throws Exception {
    var reply =
        ResponseMessage.of(
            ProtocolVersion.V1_2,
            1L,
            List.of(
                ResponseBatchItem.failure(
                    Operation.GET, Optional.empty(), ResultReason.ITEM_NOT_FOUND, "no key 7")));
    Item tree = reader.read(reply.encode());
    Item.Structure batch = (Item.Structure) ((Item.Structure) tree).all(Tag.BATCH_ITEM).get(0);
    assertThat(batch.items())
        .extracting(Item::tag)
        .containsExactly(Tag.OPERATION, Tag.RESULT_STATUS, Tag.RESULT_REASON, Tag.RESULT_MESSAGE);
  }

  @Test
  void getAttributesReplyIsUidThenOneStateAttribute() throws Exception {
    var payload =
        GetAttributesResponse.of("1", List.of(Attribute.enumeration("State", State.ACTIVE)));
    var w = new TtlvWriter();
    payload.writeFields(w);
    assertThat(w.toByteArray())
        .isEqualTo(
            hex(
                "420094 07 00000001 31 00000000000000"
                    + " 420008 01 00000020 42000A 07 00000005 5374617465 000000"
                    + " 42000B 05 00000004 00000002 00000000"));
  }

  @Test
  void rejectsStrayFieldsAndWrongBatchCountAsInvalidMessage() {
    byte[] bytes = golden("get-1.2.hex");
    bytes[0x43] = 2; // BatchCount 2 with one item
    assertThatThrownBy(() -> RequestMessage.decode(bytes, reader))
        .isInstanceOf(KmipException.class)
        .hasMessageContaining("Batch Count is 2")
        .satisfies(
            e -> assertThat(((KmipException) e).reason()).isEqualTo(ResultReason.INVALID_MESSAGE));
    byte[] truncated = java.util.Arrays.copyOf(golden("get-1.2.hex"), 60);
    assertThatThrownBy(() -> RequestMessage.decode(truncated, reader))
        .isInstanceOf(KmipException.class)
        .satisfies(
            e -> assertThat(((KmipException) e).reason()).isEqualTo(ResultReason.INVALID_MESSAGE));
  }
}
