package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvException;
import io.restore.kmip.ttlv.TtlvReader;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;

/** Request Message (KMIP 1.4 §7.1): a header and one or more batch items. */
public record RequestMessage(RequestHeader header, List<RequestBatchItem> batchItems) {
  public RequestMessage {
    batchItems = List.copyOf(batchItems);
  }

  /** One batch item, header as mongod sends it. */
  public static RequestMessage of(ProtocolVersion version, RequestBatchItem item) {
    return new RequestMessage(RequestHeader.of(version, 1), List.of(item));
  }

  /**
   * Decodes a whole message (header included). Bytes that are not valid TTLV or not a valid request
   * are Invalid Message; an unknown operation is Operation Not Supported.
   */
  public static RequestMessage decode(byte[] message, TtlvReader reader) throws KmipException {
    try {
      return read(reader.readMessage(message, Tag.REQUEST_MESSAGE));
    } catch (TtlvException e) {
      throw KmipException.invalidMessage(e);
    }
  }

  /** Interprets a decoded Request Message structure. */
  public static RequestMessage read(Item.Structure s) throws KmipException {
    if (!s.tag().equals(Tag.REQUEST_MESSAGE)) {
      throw KmipException.invalidMessage("expected RequestMessage, found %s", s.tag());
    }
    Fields in = Fields.of(s, "Request Message");
    RequestHeader header = RequestHeader.read(in.requiredStructure(Tag.REQUEST_HEADER));
    var items = new ArrayList<RequestBatchItem>();
    for (Item.Structure b : in.repeatedStructure(Tag.BATCH_ITEM)) {
      items.add(RequestBatchItem.read(b, header.protocolVersion()));
    }
    in.end();
    if (items.isEmpty() || items.size() != header.batchCount()) {
      throw KmipException.invalidMessage(
          "Batch Count is %d but the message holds %d batch items",
          header.batchCount(), items.size());
    }
    return new RequestMessage(header, items);
  }

  public byte[] encode() {
    var w = new TtlvWriter(256);
    write(w);
    return w.toByteArray();
  }

  public void write(TtlvWriter w) {
    int mark = w.begin(Tag.REQUEST_MESSAGE);
    header.write(w);
    for (RequestBatchItem b : batchItems) b.write(w);
    w.end(mark);
  }
}
