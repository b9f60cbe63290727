package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvException;
import io.restore.kmip.ttlv.TtlvReader;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;

/** Response Message (KMIP 1.4 §7.1): a header and one batch item per request batch item. */
public record ResponseMessage(ResponseHeader header, List<ResponseBatchItem> batchItems) {
  public ResponseMessage {
    batchItems = List.copyOf(batchItems);
  }

  /**
   * A response whose header echoes {@code version}, stamps {@code timeStamp} and counts the items.
   */
  public static ResponseMessage of(
      ProtocolVersion version, long timeStamp, List<ResponseBatchItem> items) {
    return new ResponseMessage(ResponseHeader.of(version, timeStamp, items.size()), items);
  }

  public static ResponseMessage decode(byte[] message, TtlvReader reader) throws KmipException {
    try {
      return read(reader.readMessage(message, Tag.RESPONSE_MESSAGE));
    } catch (TtlvException e) {
      throw KmipException.invalidMessage(e);
    }
  }

  public static ResponseMessage read(Item.Structure s) throws KmipException {
    if (!s.tag().equals(Tag.RESPONSE_MESSAGE)) {
      throw KmipException.invalidMessage("expected ResponseMessage, found %s", s.tag());
    }
    Fields in = Fields.of(s, "Response Message");
    ResponseHeader header = ResponseHeader.read(in.requiredStructure(Tag.RESPONSE_HEADER));
    var items = new ArrayList<ResponseBatchItem>();
    for (Item.Structure b : in.repeatedStructure(Tag.BATCH_ITEM)) {
      items.add(ResponseBatchItem.read(b, header.protocolVersion()));
    }
    in.end();
    if (items.size() != header.batchCount()) {
      throw KmipException.invalidMessage(
          "Batch Count is %d but the message holds %d batch items",
          header.batchCount(), items.size());
    }
    return new ResponseMessage(header, items);
  }

  public byte[] encode() {
    var w = new TtlvWriter(256);
    write(w);
    return w.toByteArray();
  }

  public void write(TtlvWriter w) {
    int mark = w.begin(Tag.RESPONSE_MESSAGE);
    header.write(w);
    for (ResponseBatchItem b : batchItems) b.write(w);
    w.end(mark);
  }
}
