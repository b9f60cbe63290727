package io.restore.cluster;

import java.util.Objects;

/** One {@code config.chunks} entry: the half-open range [min, max) and the shard that owns it. */
public record Chunk(ShardKey min, ShardKey max, String shard) {
  public Chunk {
    Objects.requireNonNull(min, "min");
    Objects.requireNonNull(max, "max");
    Objects.requireNonNull(shard, "shard");
  }

  boolean contains(ShardKey key) {
    return min.compareTo(key) <= 0 && key.compareTo(max) < 0;
  }
}
