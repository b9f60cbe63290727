package io.restore.cluster;

import io.restore.UserText;
import java.util.List;
import java.util.Objects;

/**
 * What identifies one snapshot of a sharded set: where it came from (a path or URL, for messages),
 * its replica set name, and the shards its {@code config.shards} lists (empty unless it is the
 * config server).
 */
public record ComponentSnapshot(String source, String replicaSet, List<Shard> listedShards) {
  public ComponentSnapshot {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(replicaSet, "replicaSet");
    listedShards = List.copyOf(listedShards);
  }

  boolean isConfigServer() {
    return !listedShards.isEmpty();
  }

  String describe() {
    return UserText.cap(source) + " (replica set " + UserText.cap(replicaSet) + ")";
  }
}
