package io.restore.cluster;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import java.util.List;

/**
 * One {@code config.shards} entry: the shard's id and its replica set, read from the host string
 * {@code rsName/host:port,host:port}. The replica set name is how a snapshot is matched to it.
 */
public record Shard(String id, String replicaSet, List<String> hosts) {
  public Shard {
    hosts = List.copyOf(hosts);
  }

  static Shard parse(String id, String host) {
    int slash = host.indexOf('/');
    if (slash <= 0) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "the config server's config.shards entry for shard "
              + UserText.cap(id)
              + " has host \""
              + UserText.cap(host)
              + "\", not \"<replicaSet>/<host:port>,…\"",
          "a shard that is not a replica set cannot be matched to a snapshot; check the config"
              + " server snapshot");
    }
    String rest = host.substring(slash + 1);
    return new Shard(
        id, host.substring(0, slash), rest.isEmpty() ? List.of() : List.of(rest.split(",")));
  }
}
