package io.restore.cluster.dump;

import io.restore.dump.DumpSummary;
import io.restore.dump.Namespace;
import io.restore.dump.ShardedCounts;
import java.util.List;
import java.util.Optional;

/**
 * A sharded cluster's completed, verified dump: the usual dump summary, whose {@code sharded} part
 * says per namespace what each shard owned and which orphans were skipped (or kept).
 */
public record ClusterDumpResult(DumpSummary summary) {
  public ShardedCounts sharded() {
    return summary.sharded();
  }

  /** One namespace's counts, if it was dumped. */
  public Optional<ShardedCounts.NamespaceCounts> namespace(Namespace ns) {
    return sharded().namespaces().stream().filter(n -> n.ns().equals(ns)).findFirst();
  }

  /** For people: see {@link ShardedCounts#lines()}. */
  public List<String> lines() {
    return sharded().lines();
  }
}
