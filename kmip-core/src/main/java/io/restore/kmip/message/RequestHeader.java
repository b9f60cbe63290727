package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Request Header (KMIP 1.4 §7.2, table 231). mongod sends only ProtocolVersion and BatchCount;
 * libkmip adds MaximumResponseSize and TimeStamp.
 *
 * @param options the header items between Maximum Response Size and Time Stamp, in wire order
 *     (Client/Server Correlation Value, Asynchronous Indicator, Attestation..., Authentication,
 *     Batch Error Continuation Option, Batch Order Option): tolerated, kept, not interpreted
 * @param timeStamp seconds since the epoch
 */
public record RequestHeader(
    ProtocolVersion protocolVersion,
    OptionalInt maximumResponseSize,
    List<Item> options,
    Optional<Long> timeStamp,
    int batchCount) {
  private static final Set<Tag> OPTIONS =
      Set.of(
          Tag.CLIENT_CORRELATION_VALUE,
          Tag.SERVER_CORRELATION_VALUE,
          Tag.ASYNCHRONOUS_INDICATOR,
          Tag.ATTESTATION_CAPABLE_INDICATOR,
          Tag.ATTESTATION_TYPE,
          Tag.AUTHENTICATION,
          Tag.BATCH_ERROR_CONTINUATION_OPTION,
          Tag.BATCH_ORDER_OPTION);

  public RequestHeader {
    options = List.copyOf(options);
  }

  /** What mongod sends: version and batch count only. */
  public static RequestHeader of(ProtocolVersion version, int batchCount) {
    return new RequestHeader(version, OptionalInt.empty(), List.of(), Optional.empty(), batchCount);
  }

  /** The Authentication structure, if the client sent one (tolerated, not checked). */
  public Optional<Item> authentication() {
    return options.stream().filter(i -> i.tag().equals(Tag.AUTHENTICATION)).findFirst();
  }

  static RequestHeader read(Item.Structure s) throws KmipException {
    Fields in = Fields.of(s, "Request Header");
    ProtocolVersion version = ProtocolVersion.read(in.requiredStructure(Tag.PROTOCOL_VERSION));
    OptionalInt max = in.optionalInt(Tag.MAXIMUM_RESPONSE_SIZE);
    List<Item> rest = in.remaining();
    int i = 0;
    while (i < rest.size() && OPTIONS.contains(rest.get(i).tag())) i++;
    Fields tail =
        Fields.of(new Item.Structure(s.tag(), rest.subList(i, rest.size())), "Request Header");
    Optional<Long> ts = tail.optionalDateTime(Tag.TIME_STAMP);
    int count = tail.requiredInt(Tag.BATCH_COUNT);
    tail.end();
    return new RequestHeader(version, max, rest.subList(0, i), ts, count);
  }

  void write(TtlvWriter w) {
    int mark = w.begin(Tag.REQUEST_HEADER);
    protocolVersion.write(w);
    if (maximumResponseSize.isPresent()) {
      w.integer(Tag.MAXIMUM_RESPONSE_SIZE, maximumResponseSize.getAsInt());
    }
    for (Item o : options) w.item(o);
    timeStamp.ifPresent(t -> w.dateTime(Tag.TIME_STAMP, t));
    w.integer(Tag.BATCH_COUNT, batchCount);
    w.end(mark);
  }
}
