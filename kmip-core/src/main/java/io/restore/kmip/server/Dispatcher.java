package io.restore.kmip.server;

import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.message.RequestBatchItem;
import io.restore.kmip.message.RequestMessage;
import io.restore.kmip.message.ResponseBatchItem;
import io.restore.kmip.message.ResponseMessage;
import io.restore.kmip.object.ObjectStore;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvException;
import io.restore.kmip.ttlv.TtlvLimits;
import io.restore.kmip.ttlv.TtlvReader;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes a request message, runs one handler per batch item (item by item, each answered on its
 * own), and encodes the response: the request's protocol version echoed, a Time Stamp always, and
 * on failure both Result Reason and Result Message (docs/design/mongod-kmip.md).
 */
final class Dispatcher implements RequestHandler {
  /** KMIP 1.0–1.4 in full; 2.0 where its messages match 1.x (KMIP 2.0 §9.2 version rules). */
  static final List<ProtocolVersion> SUPPORTED =
      List.of(
          new ProtocolVersion(2, 0),
          new ProtocolVersion(1, 4),
          new ProtocolVersion(1, 3),
          new ProtocolVersion(1, 2),
          new ProtocolVersion(1, 1),
          new ProtocolVersion(1, 0));

  private final Clock clock;
  private final AuditLog audit;
  private final TtlvReader reader;
  private final Map<Operation, OperationHandler> handlers = new EnumMap<>(Operation.class);

  Dispatcher(ObjectStore store, Clock clock, int maxMessageBytes) {
    this(store, clock, maxMessageBytes, new AuditLog(KmipAuditListener.none()));
  }

  Dispatcher(ObjectStore store, Clock clock, int maxMessageBytes, AuditLog audit) {
    this.clock = clock;
    this.audit = audit;
    this.reader = new TtlvReader(new TtlvLimits(maxMessageBytes, TtlvLimits.DEFAULT.maxDepth()));
    SecureRandom random = new SecureRandom();
    var lifecycle = new LifecycleHandlers(store, random);
    handlers.put(Operation.CREATE, lifecycle::create);
    handlers.put(Operation.REGISTER, lifecycle::register);
    handlers.put(Operation.ACTIVATE, lifecycle::activate);
    handlers.put(Operation.REVOKE, lifecycle::revoke);
    handlers.put(Operation.DESTROY, lifecycle::destroy);
    var reads = new ReadHandlers(store);
    handlers.put(Operation.GET, reads::get);
    handlers.put(Operation.GET_ATTRIBUTES, reads::getAttributes);
    handlers.put(Operation.GET_ATTRIBUTE_LIST, reads::getAttributeList);
    handlers.put(Operation.LOCATE, reads::locate);
    var edits = new AttributeHandlers(store);
    handlers.put(Operation.ADD_ATTRIBUTE, edits::add);
    handlers.put(Operation.MODIFY_ATTRIBUTE, edits::modify);
    handlers.put(Operation.DELETE_ATTRIBUTE, edits::delete);
    var crypto = new CryptoHandlers(store, random);
    handlers.put(Operation.ENCRYPT, crypto::encrypt);
    handlers.put(Operation.DECRYPT, crypto::decrypt);
    var info = new ServerInfoHandlers(handlers.keySet());
    handlers.put(Operation.QUERY, info::query);
    handlers.put(Operation.DISCOVER_VERSIONS, info::discoverVersions);
  }

  /** The operations this server answers. */
  Set<Operation> operations() {
    return handlers.keySet();
  }

  @Override
  public byte[] handle(byte[] request, ClientIdentity client) {
    long start = System.nanoTime();
    Instant now = clock.instant();
    RequestMessage message;
    try {
      message = RequestMessage.decode(request, reader);
    } catch (KmipException e) {
      ProtocolVersion version = versionOf(request).orElse(ProtocolVersion.V1_0);
      audit(now, client, "-", null, e.reason(), start);
      return failure(version, now, e.reason(), e.getMessage());
    }
    ProtocolVersion version = message.header().protocolVersion();
    if (!SUPPORTED.contains(version)) {
      audit(now, client, "-", null, ResultReason.INVALID_MESSAGE, start);
      return failure(
          version,
          now,
          ResultReason.INVALID_MESSAGE,
          "protocol version "
              + version
              + " is not supported; this server speaks 1.0 to 1.4 and 2.0");
    }
    RequestContext context = new RequestContext(version, now, client);
    try {
      List<ResponseBatchItem> replies = new ArrayList<>(message.batchItems().size());
      for (RequestBatchItem item : message.batchItems()) {
        long itemStart = replies.isEmpty() ? start : System.nanoTime();
        replies.add(run(item, context, now, itemStart));
      }
      byte[] encoded = ResponseMessage.of(version, now.getEpochSecond(), replies).encode();
      var max = message.header().maximumResponseSize();
      if (max.isPresent() && encoded.length > max.getAsInt()) {
        return failure(
            version,
            now,
            ResultReason.RESPONSE_TOO_LARGE,
            "the response has "
                + encoded.length
                + " bytes, above Maximum Response Size "
                + max.getAsInt());
      }
      return encoded;
    } finally {
      context.wipe();
    }
  }

  private ResponseBatchItem run(
      RequestBatchItem item, RequestContext context, Instant now, long start) {
    Operation op = item.operation();
    OperationHandler handler = handlers.get(op);
    try {
      if (handler == null) {
        throw new KmipException(
            ResultReason.OPERATION_NOT_SUPPORTED,
            "operation " + op.xmlName() + " is not supported");
      }
      var payload = handler.handle(item.payload(), context);
      String uid = context.takeAuditUid();
      if (uid != null) {
        context.keepPlaceholder(uid); // KMIP 1.4 §3.1: later items may omit the identifier
      }
      audit(now, context.client(), op.xmlName(), uid, null, start);
      return ResponseBatchItem.success(op, item.uniqueBatchItemId(), payload);
    } catch (KmipException e) {
      audit(now, context.client(), op.xmlName(), context.takeAuditUid(), e.reason(), start);
      return ResponseBatchItem.failure(op, item.uniqueBatchItemId(), e.reason(), e.getMessage());
    } catch (RuntimeException e) {
      audit.internalError(op.xmlName(), e);
      audit(
          now,
          context.client(),
          op.xmlName(),
          context.takeAuditUid(),
          ResultReason.GENERAL_FAILURE,
          start);
      return ResponseBatchItem.failure(
          op, item.uniqueBatchItemId(), ResultReason.GENERAL_FAILURE, "internal error");
    }
  }

  private static byte[] failure(
      ProtocolVersion version, Instant now, ResultReason reason, String message) {
    return ResponseMessage.of(
            version,
            now.getEpochSecond(),
            List.of(ResponseBatchItem.failure(null, Optional.empty(), reason, message)))
        .encode();
  }

  /** The protocol version of a request that did not decode as a whole, when it can be found. */
  private Optional<ProtocolVersion> versionOf(byte[] request) {
    try {
      Item.Structure root = reader.readMessage(request, Tag.REQUEST_MESSAGE);
      return root.first(Tag.REQUEST_HEADER)
          .filter(Item.Structure.class::isInstance)
          .flatMap(h -> ((Item.Structure) h).first(Tag.PROTOCOL_VERSION))
          .filter(Item.Structure.class::isInstance)
          .flatMap(
              v -> {
                var s = (Item.Structure) v;
                var major = s.first(Tag.PROTOCOL_VERSION_MAJOR);
                var minor = s.first(Tag.PROTOCOL_VERSION_MINOR);
                if (major.isPresent()
                    && minor.isPresent()
                    && major.get() instanceof Item.Int a
                    && minor.get() instanceof Item.Int b) {
                  return Optional.of(new ProtocolVersion(a.value(), b.value()));
                }
                return Optional.empty();
              });
    } catch (TtlvException e) {
      return Optional.empty();
    }
  }

  private void audit(
      Instant now, ClientIdentity client, String op, String uid, ResultReason failure, long start) {
    long micros = (System.nanoTime() - start) / 1000;
    audit.operation(
        now,
        client,
        op,
        uid,
        failure == null ? "Success" : "OperationFailed/" + failure.xmlName(),
        micros);
  }
}
