package io.restore.cluster;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Tells which snapshot is the config server and which is each shard, by matching replica set names
 * with the config server's {@code config.shards}; refuses a set with a shard missing, a shard
 * twice, or a snapshot that belongs to no shard, naming each (docs/design/sharding.md).
 */
public final class ComponentIdentifier {
  private static final String NEXT =
      "give one snapshot per component of the same cluster and time: the config server and every"
          + " shard listed above, each once";

  private ComponentIdentifier() {}

  public static ClusterComponents identify(List<ComponentSnapshot> snapshots) {
    List<ComponentSnapshot> configs =
        snapshots.stream().filter(ComponentSnapshot::isConfigServer).toList();
    if (configs.size() != 1) {
      throw refuse(
          configs.isEmpty()
              ? "none of the snapshots "
                  + describeAll(snapshots)
                  + " is a config server (none lists shards in config.shards)"
              : "more than one snapshot is a config server: " + describeAll(configs));
    }
    ComponentSnapshot config = configs.get(0);
    List<String> problems = new ArrayList<>();
    Map<String, ComponentSnapshot> byShard = new LinkedHashMap<>();
    Set<ComponentSnapshot> used = Collections.newSetFromMap(new IdentityHashMap<>());
    used.add(config);
    for (Shard shard : config.listedShards()) {
      List<ComponentSnapshot> matches =
          snapshots.stream().filter(s -> s.replicaSet().equals(shard.replicaSet())).toList();
      List<ComponentSnapshot> shardOnly = matches.stream().filter(s -> s != config).toList();
      if (matches.isEmpty()) {
        problems.add(
            "shard "
                + UserText.cap(shard.id())
                + " (replica set "
                + UserText.cap(shard.replicaSet())
                + ") is missing");
      } else if (shardOnly.size() > 1 || (shardOnly.size() == 1 && matches.contains(config))) {
        problems.add(
            "shard "
                + UserText.cap(shard.id())
                + " is given more than once: "
                + describeAll(matches));
      } else {
        ComponentSnapshot s = matches.get(0); // the config server itself when it is also a shard
        byShard.put(shard.id(), s);
        used.add(s);
      }
      used.addAll(shardOnly);
    }
    for (ComponentSnapshot s : snapshots) {
      if (!used.contains(s)) {
        problems.add(
            s.describe()
                + " is not a shard of this cluster (config.shards lists "
                + config.listedShards().stream()
                    .map(
                        x ->
                            UserText.cap(x.id())
                                + " with replica set "
                                + UserText.cap(x.replicaSet()))
                    .collect(Collectors.joining(", "))
                + ")");
      }
    }
    if (!problems.isEmpty()) {
      throw refuse(
          "the snapshots are not one complete sharded cluster: " + String.join("; ", problems));
    }
    return new ClusterComponents(config, byShard);
  }

  private static String describeAll(List<ComponentSnapshot> snapshots) {
    return snapshots.stream().map(ComponentSnapshot::describe).collect(Collectors.joining(", "));
  }

  private static RestoreException refuse(String what) {
    return new RestoreException(ExitCode.SNAPSHOT, what, NEXT);
  }
}
