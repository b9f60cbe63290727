package io.restore.dump;

import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt64;
import org.bson.BsonString;

/**
 * What a sharded cluster's dump read from each shard (docs/design/sharding.md, "Ownership"): per
 * namespace and shard, the documents the shard owns and its orphans, and the config server's chunk
 * coverage problems (a dump with any is refused, so a summary of a written dump has none).
 *
 * @param includeOrphans whether orphans were written too ({@code --include-orphans})
 */
public record ShardedCounts(
    List<NamespaceCounts> namespaces, List<String> coverageProblems, boolean includeOrphans) {
  public ShardedCounts {
    namespaces = List.copyOf(namespaces);
    coverageProblems = List.copyOf(coverageProblems);
  }

  /**
   * One namespace.
   *
   * @param from where its metadata and indexes came from ("config" or a shard id)
   */
  public record NamespaceCounts(Namespace ns, String from, List<SourceCount> sources) {
    public NamespaceCounts {
      sources = List.copyOf(sources);
    }

    public long owned() {
      return sources.stream().mapToLong(SourceCount::owned).sum();
    }

    public long orphans() {
      return sources.stream().mapToLong(SourceCount::orphans).sum();
    }
  }

  /**
   * One namespace on one component.
   *
   * @param source "config" or the shard id
   * @param owned documents this component owns (all of them for a namespace that is not routed)
   * @param orphans documents another shard owns
   * @param serverCount the component's own count of the namespace (owned + orphans when the read
   *     was complete)
   */
  public record SourceCount(String source, long owned, long orphans, long serverCount) {}

  public long orphans() {
    return namespaces.stream().mapToLong(NamespaceCounts::orphans).sum();
  }

  /**
   * For people: chunk coverage problems, one line per namespace read from several shards or with
   * orphans ("shop.customers: owned shard-0 3, shard-1 3, shard-2 1; 2 orphans skipped (shard-0 1,
   * shard-2 1)"), then the orphan total.
   */
  public List<String> lines() {
    List<String> out = new java.util.ArrayList<>();
    for (String p : coverageProblems) {
      out.add("chunk coverage: " + p);
    }
    String verb = includeOrphans ? "kept" : "skipped";
    for (NamespaceCounts n : namespaces) {
      if (n.sources().size() <= 1 && n.orphans() == 0) {
        continue;
      }
      StringBuilder b = new StringBuilder(n.ns().toString()).append(": owned");
      String sep = " ";
      for (SourceCount c : n.sources()) {
        b.append(sep).append(c.source()).append(' ').append(c.owned());
        sep = ", ";
      }
      if (n.orphans() > 0) {
        b.append("; ").append(n.orphans()).append(" orphans ").append(verb).append(" (");
        sep = "";
        for (SourceCount c : n.sources()) {
          if (c.orphans() > 0) {
            b.append(sep).append(c.source()).append(' ').append(c.orphans());
            sep = ", ";
          }
        }
        b.append(')');
      }
      out.add(b.toString());
    }
    if (!namespaces.isEmpty()) {
      out.add(orphans() + " orphans " + verb + " in " + namespaces.size() + " namespaces");
    }
    return out;
  }

  /** For the summary JSON (docs/json-output.md). */
  public BsonDocument toBson() {
    BsonArray nss = new BsonArray();
    for (NamespaceCounts n : namespaces) {
      BsonArray shards = new BsonArray();
      for (SourceCount s : n.sources()) {
        shards.add(
            new BsonDocument("source", new BsonString(s.source()))
                .append("owned", new BsonInt64(s.owned()))
                .append("orphans", new BsonInt64(s.orphans()))
                .append("serverCount", new BsonInt64(s.serverCount())));
      }
      nss.add(
          new BsonDocument("db", new BsonString(n.ns().db()))
              .append("collection", new BsonString(n.ns().collection()))
              .append("metadataFrom", new BsonString(n.from()))
              .append("owned", new BsonInt64(n.owned()))
              .append("orphans", new BsonInt64(n.orphans()))
              .append("sources", shards));
    }
    BsonArray problems = new BsonArray();
    coverageProblems.forEach(p -> problems.add(new BsonString(p)));
    return new BsonDocument("includeOrphans", BsonBoolean.valueOf(includeOrphans))
        .append("orphans", new BsonInt64(orphans()))
        .append("coverageProblems", problems)
        .append("namespaces", nss);
  }
}
