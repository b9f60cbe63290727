package io.restore.cluster;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.dump.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonValue;

/**
 * A collection's shard key pattern ({@code config.collections.key}): ordered fields, each ranged or
 * hashed. Dotted paths reach into embedded documents.
 */
public record ShardKeyPattern(List<KeyField> fields) {
  /** One field of the pattern. */
  public record KeyField(String path, boolean hashed) {}

  public ShardKeyPattern {
    fields = List.copyOf(fields);
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("a shard key pattern has at least one field");
    }
  }

  /** Reads {@code {a: 1, b: "hashed"}}; anything else is an inconsistent config server. */
  static ShardKeyPattern parse(Namespace ns, BsonDocument key) {
    List<KeyField> fields = new ArrayList<>();
    for (Map.Entry<String, BsonValue> e : key.entrySet()) {
      BsonValue v = e.getValue();
      boolean hashed = v.isString() && v.asString().getValue().equals("hashed");
      if (!hashed && !(v.isNumber() && v.asNumber().doubleValue() == 1)) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            "the config server's config.collections entry for "
                + ns
                + " has a shard key field "
                + UserText.cap(e.getKey())
                + " that is neither 1 nor \"hashed\": "
                + UserText.cap(key.toJson()),
            "check that the config server snapshot belongs to this cluster and is not damaged");
      }
      fields.add(new KeyField(e.getKey(), hashed));
    }
    if (fields.isEmpty()) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "the config server's config.collections entry for " + ns + " has an empty shard key",
          "check that the config server snapshot belongs to this cluster and is not damaged");
    }
    return new ShardKeyPattern(fields);
  }

  /**
   * The document's shard-key value: a missing field (or a path through a non-document) counts as
   * null; a hashed field contributes hash64 of its value.
   */
  ShardKey extract(BsonDocument doc) {
    List<BsonValue> values = new ArrayList<>(fields.size());
    for (KeyField f : fields) {
      BsonValue v = valueAt(doc, f.path());
      values.add(f.hashed() ? new BsonInt64(Hash64.of(v)) : v);
    }
    return new ShardKey(values);
  }

  /** A chunk bound ({@code config.chunks.min/max}): its values in pattern order. */
  ShardKey bound(BsonDocument bound) {
    List<BsonValue> values = new ArrayList<>(fields.size());
    for (KeyField f : fields) {
      BsonValue v = bound.get(f.path());
      values.add(v == null ? BsonNull.VALUE : v);
    }
    return new ShardKey(values);
  }

  private static BsonValue valueAt(BsonDocument doc, String path) {
    BsonValue current = doc;
    int from = 0;
    while (true) {
      int dot = path.indexOf('.', from);
      String part = dot < 0 ? path.substring(from) : path.substring(from, dot);
      if (!current.isDocument()) {
        return BsonNull.VALUE;
      }
      BsonValue next = current.asDocument().get(part);
      if (next == null) {
        return BsonNull.VALUE;
      }
      if (dot < 0) {
        return next;
      }
      current = next;
      from = dot + 1;
    }
  }
}
