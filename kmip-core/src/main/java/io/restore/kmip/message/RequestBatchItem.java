package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Request Batch Item (KMIP 1.4 §7.2, table 233): Operation, Unique Batch Item ID, Request Payload,
 * Message Extension.
 */
public record RequestBatchItem(
    Operation operation,
    Optional<byte[]> uniqueBatchItemId,
    RequestPayload payload,
    Optional<Item.Structure> messageExtension) {

  public static RequestBatchItem of(Operation operation, RequestPayload payload) {
    return new RequestBatchItem(operation, Optional.empty(), payload, Optional.empty());
  }

  static RequestBatchItem read(Item.Structure s, ProtocolVersion version) throws KmipException {
    Fields in = Fields.of(s, "Batch Item");
    Item opItem = in.required(Tag.OPERATION);
    if (!(opItem instanceof Item.Enumeration e)) {
      throw KmipException.invalidMessage("Batch Item: Operation is not an Enumeration");
    }
    Operation op =
        Operation.fromCode(e.value())
            .orElseThrow(
                () ->
                    new KmipException(
                        io.restore.kmip.ttlv.ResultReason.OPERATION_NOT_SUPPORTED,
                        String.format("unknown operation 0x%08X", e.value())));
    in.optional(Tag.EPHEMERAL).ifPresent(x -> {});
    Optional<byte[]> id = in.optionalBytes(Tag.UNIQUE_BATCH_ITEM_ID);
    Item.Structure payload = in.requiredStructure(Tag.REQUEST_PAYLOAD);
    Optional<Item.Structure> ext = in.optionalStructure(Tag.MESSAGE_EXTENSION);
    in.end();
    return new RequestBatchItem(op, id, Payloads.readRequest(op, payload, version), ext);
  }

  void write(TtlvWriter w) {
    int mark = w.begin(Tag.BATCH_ITEM);
    w.enumeration(Tag.OPERATION, operation);
    uniqueBatchItemId.ifPresent(id -> w.bytes(Tag.UNIQUE_BATCH_ITEM_ID, id));
    int p = w.begin(Tag.REQUEST_PAYLOAD);
    payload.writeFields(w);
    w.end(p);
    messageExtension.ifPresent(w::item);
    w.end(mark);
  }
}
