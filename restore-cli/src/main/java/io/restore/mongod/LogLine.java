package io.restore.mongod;

import java.util.Optional;
import java.util.OptionalInt;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.json.JsonParseException;

/**
 * One line of mongod output. mongod 4.4+ writes one JSON object per line with the fields t, s, c,
 * id, ctx, msg, attr (MongoDB "Log Messages" reference); anything else (a plain-text error on
 * stderr, a stack trace) is kept as a raw line with {@code id() == -1}.
 */
public record LogLine(
    String raw,
    boolean json,
    String time,
    String severity,
    String component,
    int id,
    String context,
    String message,
    BsonDocument attr) {

  public static final int NO_ID = -1;

  public LogLine {
    attr = attr == null ? new BsonDocument() : attr;
  }

  /** Parses one line; never throws: a line that is not a mongod JSON log line stays raw. */
  public static LogLine parse(String raw) {
    String trimmed = raw.strip();
    if (!trimmed.startsWith("{") || !trimmed.endsWith("}")) {
      return plain(raw);
    }
    BsonDocument doc;
    try {
      doc = BsonDocument.parse(trimmed);
    } catch (JsonParseException | IllegalArgumentException | org.bson.BSONException e) {
      return plain(raw);
    }
    if (!doc.containsKey("s") || !doc.containsKey("msg")) {
      return plain(raw);
    }
    BsonValue attr = doc.get("attr");
    return new LogLine(
        raw,
        true,
        timeOf(doc.get("t")),
        string(doc, "s"),
        string(doc, "c"),
        doc.containsKey("id") && doc.get("id").isNumber()
            ? doc.get("id").asNumber().intValue()
            : NO_ID,
        string(doc, "ctx"),
        string(doc, "msg"),
        attr != null && attr.isDocument() ? attr.asDocument() : new BsonDocument());
  }

  private static LogLine plain(String raw) {
    return new LogLine(raw, false, "", "", "", NO_ID, "", raw, new BsonDocument());
  }

  private static String string(BsonDocument doc, String key) {
    BsonValue v = doc.get(key);
    return v != null && v.isString() ? v.asString().getValue() : "";
  }

  private static String timeOf(BsonValue t) {
    if (t == null) {
      return "";
    }
    if (t.isDocument() && t.asDocument().get("$date") != null) {
      return t.asDocument().get("$date").toString();
    }
    if (t.isDateTime()) {
      return java.time.Instant.ofEpochMilli(t.asDateTime().getValue()).toString();
    }
    return t.isString() ? t.asString().getValue() : t.toString();
  }

  /** Severity "F": mongod is about to abort (MongoDB log severity levels). */
  public boolean isFatal() {
    return "F".equals(severity);
  }

  public boolean isError() {
    return "E".equals(severity) || isFatal();
  }

  public OptionalInt intAttr(String name) {
    BsonValue v = attr.get(name);
    return v != null && v.isNumber()
        ? OptionalInt.of(v.asNumber().intValue())
        : OptionalInt.empty();
  }

  public Optional<String> stringAttr(String name) {
    BsonValue v = attr.get(name);
    return v != null && v.isString() ? Optional.of(v.asString().getValue()) : Optional.empty();
  }

  /** A compact one-line form for error messages: severity, component, id, message, attributes. */
  public String display() {
    if (!json) {
      return raw;
    }
    StringBuilder b = new StringBuilder();
    b.append(severity).append(' ').append(component).append(" [").append(id).append("] ");
    b.append(message);
    if (!attr.isEmpty()) {
      b.append(' ').append(attr.toJson());
    }
    return b.toString();
  }
}
