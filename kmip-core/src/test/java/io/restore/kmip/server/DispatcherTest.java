package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.kmip.message.ActivateRequest;
import io.restore.kmip.message.GetAttributesRequest;
import io.restore.kmip.message.GetAttributesResponse;
import io.restore.kmip.message.GetRequest;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.message.RequestBatchItem;
import io.restore.kmip.message.RequestHeader;
import io.restore.kmip.message.RequestMessage;
import io.restore.kmip.message.ResponseBatchItem;
import io.restore.kmip.message.ResponseMessage;
import io.restore.kmip.object.InMemoryObjectStore;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.ResultStatus;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvReader;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The dispatcher in-process: versions, batches, errors. Transport is tested elsewhere. */
class DispatcherTest {
  private static final ClientIdentity CLIENT = new ClientIdentity("00", "CN=test", null);
  private final InMemoryObjectStore store = InMemoryObjectStore.withActiveKey("1", new byte[32]);
  private final Dispatcher dispatcher = new Dispatcher(store, Clock.systemUTC(), 1 << 20);

  private ResponseMessage send(RequestMessage request) throws KmipException {
    return ResponseMessage.decode(
        dispatcher.handle(request.encode(), CLIENT), TtlvReader.withDefaults());
  }

  @Test
  void answersAnUnsupportedProtocolVersionWithInvalidMessage() throws KmipException {
    ResponseMessage reply =
        send(
            RequestMessage.of(
                new ProtocolVersion(3, 0), RequestBatchItem.of(Operation.GET, GetRequest.of("1"))));
    ResponseBatchItem item = reply.batchItems().get(0);
    assertThat(item.resultStatus()).isEqualTo(ResultStatus.OPERATION_FAILED);
    assertThat(item.resultReason()).contains(ResultReason.INVALID_MESSAGE);
    assertThat(item.resultMessage().orElseThrow()).contains("3.0");
  }

  @Test
  void echoesEverySupportedVersion() throws KmipException {
    for (ProtocolVersion v : Dispatcher.SUPPORTED) {
      ResponseMessage reply =
          send(RequestMessage.of(v, RequestBatchItem.of(Operation.GET, GetRequest.of("1"))));
      assertThat(reply.header().protocolVersion()).isEqualTo(v);
      assertThat(reply.batchItems().get(0).resultStatus()).isEqualTo(ResultStatus.SUCCESS);
    }
  }

  @Test
  void answersABatchItemByItemAndUsesTheIdPlaceholder() throws KmipException {
    RequestMessage batch =
        new RequestMessage(
            RequestHeader.of(ProtocolVersion.V1_4, 3),
            List.of(
                RequestBatchItem.of(Operation.GET, GetRequest.of("missing")),
                RequestBatchItem.of(Operation.GET, GetRequest.of("1")),
                RequestBatchItem.of(
                    Operation.GET_ATTRIBUTES,
                    new GetAttributesRequest(Optional.empty(), List.of("State"), List.of()))));
    ResponseMessage reply = send(batch);
    assertThat(reply.header().batchCount()).isEqualTo(3);
    assertThat(reply.batchItems())
        .extracting(ResponseBatchItem::resultStatus)
        .containsExactly(ResultStatus.OPERATION_FAILED, ResultStatus.SUCCESS, ResultStatus.SUCCESS);
    assertThat(reply.batchItems().get(0).resultReason()).contains(ResultReason.ITEM_NOT_FOUND);
    var attrs = (GetAttributesResponse) reply.batchItems().get(2).payload().orElseThrow();
    assertThat(attrs.uniqueIdentifier()).isEqualTo("1");
  }

  @Test
  void refusesAKeyWrappingSpecificationClearly() throws KmipException {
    GetRequest wrapped =
        new GetRequest(
            Optional.of("1"),
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.of(Item.Structure.of(Tag.KEY_WRAPPING_SPECIFICATION)));
    ResponseBatchItem item =
        send(RequestMessage.of(ProtocolVersion.V1_2, RequestBatchItem.of(Operation.GET, wrapped)))
            .batchItems()
            .get(0);
    assertThat(item.resultReason()).contains(ResultReason.FEATURE_NOT_SUPPORTED);
    assertThat(item.resultMessage().orElseThrow()).contains("wrapping");
  }

  @Test
  void activatingAnActiveKeyIsPermissionDenied() throws KmipException {
    ResponseBatchItem item =
        send(RequestMessage.of(
                ProtocolVersion.V1_2,
                RequestBatchItem.of(Operation.ACTIVATE, ActivateRequest.of("1"))))
            .batchItems()
            .get(0);
    assertThat(item.resultReason()).contains(ResultReason.PERMISSION_DENIED);
  }

  @Test
  void answersGarbageInsideAValidFrameWithInvalidMessage() throws KmipException {
    byte[] garbage = RawTtlv.struct(0x420078, RawTtlv.integer(0x420001, 5));
    ResponseMessage reply =
        ResponseMessage.decode(dispatcher.handle(garbage, CLIENT), TtlvReader.withDefaults());
    assertThat(reply.header().protocolVersion()).isEqualTo(ProtocolVersion.V1_0);
    assertThat(reply.batchItems().get(0).resultReason()).contains(ResultReason.INVALID_MESSAGE);
    assertThat(reply.batchItems().get(0).resultMessage()).isPresent();
  }
}
