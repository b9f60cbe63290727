package io.restore.cluster.dump;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Where a sharded cluster's components run: the config server's and each shard's {@code mongodb://}
 * URI (shard id as {@code config.shards} names it → URI of a mongod serving that shard's snapshot).
 */
public record ClusterConnections(String configServerUri, Map<String, String> shardUris) {
  public ClusterConnections {
    Objects.requireNonNull(configServerUri, "configServerUri");
    shardUris = Collections.unmodifiableMap(new LinkedHashMap<>(shardUris));
  }
}
