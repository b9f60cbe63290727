package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;

/**
 * Response Header (KMIP 1.4 §7.2, table 232). mongod requires the Time Stamp.
 *
 * @param timeStamp seconds since the epoch
 * @param options items between Time Stamp and Batch Count (Nonce, Attestation Type, Client/Server
 *     Correlation Value), in wire order; kept, not interpreted
 */
public record ResponseHeader(
    ProtocolVersion protocolVersion, long timeStamp, List<Item> options, int batchCount) {
  public ResponseHeader {
    options = List.copyOf(options);
  }

  public static ResponseHeader of(ProtocolVersion version, long timeStamp, int batchCount) {
    return new ResponseHeader(version, timeStamp, List.of(), batchCount);
  }

  static ResponseHeader read(Item.Structure s) throws KmipException {
    Fields in = Fields.of(s, "Response Header");
    ProtocolVersion version = ProtocolVersion.read(in.requiredStructure(Tag.PROTOCOL_VERSION));
    long ts =
        in.optionalDateTime(Tag.TIME_STAMP)
            .orElseThrow(() -> KmipException.invalidMessage("Response Header: expected TimeStamp"));
    List<Item> rest = in.remaining();
    if (rest.isEmpty()) throw KmipException.invalidMessage("Response Header: expected BatchCount");
    Fields tail =
        Fields.of(
            new Item.Structure(s.tag(), rest.subList(rest.size() - 1, rest.size())),
            "Response Header");
    int count = tail.requiredInt(Tag.BATCH_COUNT);
    return new ResponseHeader(version, ts, rest.subList(0, rest.size() - 1), count);
  }

  void write(TtlvWriter w) {
    int mark = w.begin(Tag.RESPONSE_HEADER);
    protocolVersion.write(w);
    w.dateTime(Tag.TIME_STAMP, timeStamp);
    for (Item o : options) w.item(o);
    w.integer(Tag.BATCH_COUNT, batchCount);
    w.end(mark);
  }
}
