package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.ResultStatus;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Response Batch Item (KMIP 1.4 §7.2, table 234), in this order: Operation, Unique Batch Item ID,
 * Result Status, Result Reason, Result Message, Asynchronous Correlation Value, Response Payload,
 * Message Extension. mongod needs both reason and message on failure.
 */
public record ResponseBatchItem(
    Optional<Operation> operation,
    Optional<byte[]> uniqueBatchItemId,
    ResultStatus resultStatus,
    Optional<ResultReason> resultReason,
    Optional<String> resultMessage,
    Optional<byte[]> asynchronousCorrelationValue,
    Optional<ResponsePayload> payload,
    Optional<Item.Structure> messageExtension) {

  /** A successful reply to {@code operation}; {@code id} echoes the request's, if any. */
  public static ResponseBatchItem success(
      Operation operation, Optional<byte[]> id, ResponsePayload payload) {
    return new ResponseBatchItem(
        Optional.of(operation),
        id,
        ResultStatus.SUCCESS,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.of(payload),
        Optional.empty());
  }

  /**
   * A failed reply carrying both reason and message. {@code operation} may be null when the request
   * could not be read far enough to know it.
   */
  public static ResponseBatchItem failure(
      Operation operation, Optional<byte[]> id, ResultReason reason, String message) {
    return new ResponseBatchItem(
        Optional.ofNullable(operation),
        id,
        ResultStatus.OPERATION_FAILED,
        Optional.of(reason),
        Optional.of(message),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static ResponseBatchItem read(Item.Structure s, ProtocolVersion version) throws KmipException {
    Fields in = Fields.of(s, "Batch Item");
    Optional<Operation> op = in.optionalEnum(Tag.OPERATION, Operation::fromCode);
    Optional<byte[]> id = in.optionalBytes(Tag.UNIQUE_BATCH_ITEM_ID);
    ResultStatus status = in.requiredEnum(Tag.RESULT_STATUS, ResultStatus::fromCode);
    Optional<ResultReason> reason = in.optionalEnum(Tag.RESULT_REASON, ResultReason::fromCode);
    Optional<String> message = in.optionalText(Tag.RESULT_MESSAGE);
    Optional<byte[]> async = in.optionalBytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE);
    Optional<Item.Structure> payload = in.optionalStructure(Tag.RESPONSE_PAYLOAD);
    Optional<Item.Structure> ext = in.optionalStructure(Tag.MESSAGE_EXTENSION);
    in.end();
    Optional<ResponsePayload> typed = Optional.empty();
    if (payload.isPresent()) {
      typed =
          Optional.of(
              op.isPresent()
                  ? Payloads.readResponse(op.get(), payload.get(), version)
                  : new RawPayload(payload.get().items()));
    }
    return new ResponseBatchItem(op, id, status, reason, message, async, typed, ext);
  }

  void write(TtlvWriter w) {
    int mark = w.begin(Tag.BATCH_ITEM);
    operation.ifPresent(o -> w.enumeration(Tag.OPERATION, o));
    uniqueBatchItemId.ifPresent(id -> w.bytes(Tag.UNIQUE_BATCH_ITEM_ID, id));
    w.enumeration(Tag.RESULT_STATUS, resultStatus);
    resultReason.ifPresent(r -> w.enumeration(Tag.RESULT_REASON, r));
    resultMessage.ifPresent(m -> w.text(Tag.RESULT_MESSAGE, m));
    asynchronousCorrelationValue.ifPresent(a -> w.bytes(Tag.ASYNCHRONOUS_CORRELATION_VALUE, a));
    if (payload.isPresent()) {
      int p = w.begin(Tag.RESPONSE_PAYLOAD);
      payload.get().writeFields(w);
      w.end(p);
    }
    messageExtension.ifPresent(w::item);
    w.end(mark);
  }
}
