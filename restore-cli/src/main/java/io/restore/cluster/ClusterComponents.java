package io.restore.cluster;

import java.util.Map;

/**
 * A complete set: the config server's snapshot and one snapshot per shard id. From 8.0 a config
 * server can also be a shard; then it appears in both places.
 */
public record ClusterComponents(
    ComponentSnapshot configServer, Map<String, ComponentSnapshot> shards) {
  public ClusterComponents {
    shards = Map.copyOf(shards);
  }
}
