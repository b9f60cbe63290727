package io.restore.cluster.dump;

import io.restore.dump.DumpSummary;
import io.restore.dump.Namespace;
import io.restore.dump.ShardedCounts;
import java.util.ArrayList;
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

  /**
   * For people: one line per namespace with orphans, then the totals. "shop.customers: 7 written;
   * owned shard-0 3, shard-1 3, shard-2 1; 2 orphans skipped (shard-0 1, shard-2 1)".
   */
  public List<String> lines() {
    return lines(summary);
  }

  /** As {@link #lines()}, for any summary that has a sharded part (also a failed one). */
  public static List<String> lines(DumpSummary summary) {
    ShardedCounts s = summary.sharded();
    List<String> out = new ArrayList<>();
    if (s == null) {
      return out;
    }
    for (String p : s.coverageProblems()) {
      out.add("chunk coverage: " + p);
    }
    String verb = s.includeOrphans() ? "kept" : "skipped";
    for (ShardedCounts.NamespaceCounts n : s.namespaces()) {
      if (n.sources().size() <= 1 && n.orphans() == 0) {
        continue;
      }
      StringBuilder b = new StringBuilder(n.ns().toString()).append(": owned");
      n.sources()
          .forEach(c -> b.append(' ').append(c.source()).append(' ').append(c.owned()).append(','));
      b.setLength(b.length() - 1);
      if (n.orphans() > 0) {
        b.append("; ").append(n.orphans()).append(" orphans ").append(verb).append(" (");
        n.sources().stream()
            .filter(c -> c.orphans() > 0)
            .forEach(c -> b.append(c.source()).append(' ').append(c.orphans()).append(", "));
        b.setLength(b.length() - 2);
        b.append(')');
      }
      out.add(b.toString());
    }
    out.add(
        summary.documents()
            + " documents in "
            + s.namespaces().size()
            + " namespaces; "
            + s.orphans()
            + " orphans "
            + verb);
    return out;
  }
}
