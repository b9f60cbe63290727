package io.restore.kmip.message;

import io.restore.kmip.ttlv.QueryFunction;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;

/** Query request (KMIP 1.4 §4.25): Query Function*. */
public record QueryRequest(List<QueryFunction> functions) implements RequestPayload {
  public QueryRequest {
    functions = List.copyOf(functions);
  }

  static QueryRequest read(Fields in) throws KmipException {
    return new QueryRequest(in.repeatedEnum(Tag.QUERY_FUNCTION, QueryFunction::fromCode));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    for (QueryFunction f : functions) w.enumeration(Tag.QUERY_FUNCTION, f);
  }
}
