package io.restore.cli;

import io.restore.json.Json;
import io.restore.session.SessionFacts;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** {@code restore open --json}: the one line printed on stdout when mongod is ready. */
final class ReadyJson {
  private ReadyJson() {}

  /** One JSON object on one line; schema and example in docs/json-output.md. */
  static String line(SessionFacts f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("uri", f.uri().orElse(null));
    m.put("mongodPort", number(f.mongodPort()));
    m.put("mongodPid", number(f.mongodPid()));
    m.put("kmipPort", number(f.kmipPort()));
    m.put("sessionId", f.sessionId().orElse(null));
    m.put("dbpath", f.dbpath().map(p -> p.toAbsolutePath().toString()).orElse(null));
    m.put("keyId", f.keyId().orElse(null));
    m.put("provider", f.provider().orElse(null));
    m.put("mongodVersion", f.mongodVersion().orElse(null));
    return Json.writeCompact(m);
  }

  static Object number(Optional<? extends Number> n) {
    return n.<Object>map(v -> new Json.Number(v.toString())).orElse(null);
  }
}
