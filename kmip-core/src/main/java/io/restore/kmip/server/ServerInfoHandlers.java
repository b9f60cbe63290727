package io.restore.kmip.server;

import io.restore.kmip.message.DiscoverVersionsRequest;
import io.restore.kmip.message.DiscoverVersionsResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.message.QueryRequest;
import io.restore.kmip.message.QueryResponse;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.QueryFunction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Query and Discover Versions (KMIP 1.4 §4.25, §4.26). */
final class ServerInfoHandlers {
  static final String VENDOR = "restore";

  private final Set<Operation> operations;

  /** {@code operations} is the dispatcher's live key set, read when a Query arrives. */
  ServerInfoHandlers(Set<Operation> operations) {
    this.operations = operations;
  }

  ResponsePayload query(RequestPayload payload, RequestContext ctx) throws KmipException {
    List<QueryFunction> functions = ((QueryRequest) payload).functions();
    List<Operation> ops = new ArrayList<>();
    if (functions.contains(QueryFunction.QUERY_OPERATIONS)) {
      for (Operation op : Operation.values()) {
        if (operations.contains(op)) {
          ops.add(op);
        }
      }
    }
    List<ObjectType> types =
        functions.contains(QueryFunction.QUERY_OBJECTS)
            ? List.of(ObjectType.SYMMETRIC_KEY, ObjectType.SECRET_DATA)
            : List.of();
    Optional<String> vendor =
        functions.contains(QueryFunction.QUERY_SERVER_INFORMATION)
            ? Optional.of(VENDOR)
            : Optional.empty();
    return new QueryResponse(ops, types, vendor, Optional.empty(), List.of());
  }

  /** The versions of the client's list this server speaks, newest first; all when none listed. */
  ResponsePayload discoverVersions(RequestPayload payload, RequestContext ctx) {
    List<ProtocolVersion> offered = ((DiscoverVersionsRequest) payload).versions();
    List<ProtocolVersion> answer = new ArrayList<>();
    for (ProtocolVersion v : Dispatcher.SUPPORTED) {
      if (offered.isEmpty() || offered.contains(v)) {
        answer.add(v);
      }
    }
    return new DiscoverVersionsResponse(answer);
  }
}
