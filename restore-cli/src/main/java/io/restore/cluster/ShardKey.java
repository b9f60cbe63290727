package io.restore.cluster;

import io.restore.UserText;
import java.util.List;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * A shard-key value or chunk bound: one value per key-pattern field, in pattern order (a hashed
 * field holds its hash64 as a long). Compares field by field in {@link BsonOrder}.
 */
public record ShardKey(List<BsonValue> values) implements Comparable<ShardKey> {
  public ShardKey {
    values = List.copyOf(values);
  }

  @Override
  public int compareTo(ShardKey other) {
    int n = Math.min(values.size(), other.values.size());
    for (int i = 0; i < n; i++) {
      int c = BsonOrder.INSTANCE.compare(values.get(i), other.values.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(values.size(), other.values.size());
  }

  /** As the shell prints a bound, with the pattern's field names: {@code { a: 1, b: MinKey }}. */
  String render(ShardKeyPattern pattern) {
    StringBuilder s = new StringBuilder("{ ");
    for (int i = 0; i < values.size(); i++) {
      s.append(i > 0 ? ", " : "").append(pattern.fields().get(i).path()).append(": ");
      s.append(renderValue(values.get(i)));
    }
    return UserText.cap(s.append(" }").toString());
  }

  private static String renderValue(BsonValue v) {
    return switch (v.getBsonType()) {
      case MIN_KEY -> "MinKey";
      case MAX_KEY -> "MaxKey";
      case INT32 -> Integer.toString(v.asInt32().getValue());
      case INT64 -> "NumberLong(" + v.asInt64().getValue() + ")";
      default ->
          new BsonDocument("v", v).toJson().replaceFirst("^\\{\"v\": ", "").replaceFirst("}$", "");
    };
  }
}
