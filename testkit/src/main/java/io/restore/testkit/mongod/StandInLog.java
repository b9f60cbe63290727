package io.restore.testkit.mongod;

import static io.restore.testkit.Json.quote;

import java.io.PrintStream;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * mongod's structured log (4.4+): one JSON object per line with {@code t, s, c, id, ctx, msg,
 * attr}. Severity "F" marks fatal lines.
 */
final class StandInLog {
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").withZone(ZoneOffset.UTC);

  private final PrintStream out;
  private final Clock clock;

  StandInLog(PrintStream out, Clock clock) {
    this.out = out;
    this.clock = clock;
  }

  void info(String component, int id, String ctx, String msg, Map<String, ?> attr) {
    log("I", component, id, ctx, msg, attr);
  }

  void warning(String component, int id, String ctx, String msg, Map<String, ?> attr) {
    log("W", component, id, ctx, msg, attr);
  }

  void error(String component, int id, String ctx, String msg, Map<String, ?> attr) {
    log("E", component, id, ctx, msg, attr);
  }

  void fatal(String component, int id, String ctx, String msg, Map<String, ?> attr) {
    log("F", component, id, ctx, msg, attr);
  }

  synchronized void log(
      String severity, String component, int id, String ctx, String msg, Map<String, ?> attr) {
    StringBuilder line = new StringBuilder(160);
    line.append("{\"t\":{\"$date\":\"").append(TIME.format(clock.instant())).append("\"}");
    line.append(",\"s\":\"").append(severity).append('"');
    line.append(",\"c\":").append(quote(component));
    line.append(",\"id\":").append(id);
    line.append(",\"ctx\":").append(quote(ctx));
    line.append(",\"msg\":").append(quote(msg));
    if (attr != null && !attr.isEmpty()) {
      line.append(",\"attr\":");
      json(line, attr);
    }
    line.append('}');
    out.println(line);
    out.flush();
  }

  /** A map that keeps insertion order, for attr objects. */
  static Map<String, Object> attr(Object... keyValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put((String) keyValues[i], keyValues[i + 1]);
    }
    return m;
  }

  static String toJson(Object value) {
    StringBuilder b = new StringBuilder();
    json(b, value);
    return b.toString();
  }

  static void json(StringBuilder b, Object value) {
    if (value == null) {
      b.append("null");
    } else if (value instanceof String s) {
      b.append(quote(s));
    } else if (value instanceof Number || value instanceof Boolean) {
      b.append(value);
    } else if (value instanceof Map<?, ?> map) {
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        b.append(first ? "" : ",").append(quote(String.valueOf(e.getKey()))).append(':');
        json(b, e.getValue());
        first = false;
      }
      b.append('}');
    } else if (value instanceof List<?> list) {
      b.append('[');
      for (int i = 0; i < list.size(); i++) {
        b.append(i == 0 ? "" : ",");
        json(b, list.get(i));
      }
      b.append(']');
    } else {
      b.append(quote(value.toString()));
    }
  }
}
