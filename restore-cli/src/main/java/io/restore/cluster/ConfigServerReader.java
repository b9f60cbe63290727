package io.restore.cluster;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.dump.Namespace;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * Reads the routing table from a running config server's {@code config} database and checks it:
 * every chunk's shard is listed, and every collection's chunks tile the key space. Chunks are
 * matched to their collection by UUID (5.0 on) or by namespace (before 5.0); see
 * docs/design/sharding.md.
 */
public final class ConfigServerReader {
  private static final int PROBLEMS_SHOWN = 5;
  private static final String CHECK_SNAPSHOT =
      "restore cannot tell which shard owns which documents: check that the config server snapshot"
          + " is the one taken with these shards, and that it is not damaged";

  private ConfigServerReader() {}

  /** The checked routing table; a {@link RestoreException} (exit 3) when it is inconsistent. */
  public static RoutingTable read(MongoClient client) {
    RoutingTable table = readUnchecked(client);
    check(table.collections().values());
    return table;
  }

  /**
   * The routing table without the chunk coverage check (every other inconsistency still throws):
   * for a caller that reports {@link #coverageProblems} itself before refusing.
   */
  public static RoutingTable readUnchecked(MongoClient client) {
    MongoDatabase config = client.getDatabase("config");
    Map<String, Shard> shards = new LinkedHashMap<>();
    for (Shard s : listedShards(client)) {
      shards.put(s.id(), s);
    }
    Map<String, String> primaries = new HashMap<>();
    for (BsonDocument d : all(config, "databases")) {
      String db = string(d, "_id", "config.databases");
      primaries.put(db, string(d, "primary", "config.databases " + db));
    }
    Map<BsonValue, List<BsonDocument>> chunksByUuid = new HashMap<>();
    Map<String, List<BsonDocument>> chunksByNs = new HashMap<>();
    for (BsonDocument chunk : all(config, "chunks")) {
      if (chunk.containsKey("uuid")) {
        chunksByUuid.computeIfAbsent(chunk.get("uuid"), k -> new ArrayList<>()).add(chunk);
      } else {
        String ns = string(chunk, "ns", "a config.chunks entry without uuid");
        chunksByNs.computeIfAbsent(ns, k -> new ArrayList<>()).add(chunk);
      }
    }
    Map<Namespace, ShardedCollection> collections = new HashMap<>();
    for (BsonDocument d : all(config, "collections")) {
      if (d.getBoolean("dropped", org.bson.BsonBoolean.FALSE).getValue()) {
        continue; // before 5.0 a dropped collection stays listed
      }
      String name = string(d, "_id", "config.collections");
      Namespace ns = namespace(name);
      ShardKeyPattern key = ShardKeyPattern.parse(ns, document(d, "key", name));
      List<BsonDocument> raw = new ArrayList<>(chunksByNs.getOrDefault(name, List.of()));
      if (d.containsKey("uuid")) {
        raw.addAll(chunksByUuid.getOrDefault(d.get("uuid"), List.of()));
      }
      List<Chunk> chunks = new ArrayList<>(raw.size());
      for (BsonDocument c : raw) {
        String shard = string(c, "shard", "a config.chunks entry of " + name);
        if (!shards.containsKey(shard)) {
          throw inconsistent(
              "a chunk of "
                  + UserText.cap(name)
                  + " is on shard "
                  + UserText.cap(shard)
                  + ", which config.shards does not list");
        }
        chunks.add(
            new Chunk(
                key.bound(document(c, "min", name)), key.bound(document(c, "max", name)), shard));
      }
      boolean unique = d.getBoolean("unique", org.bson.BsonBoolean.FALSE).getValue();
      collections.put(ns, new ShardedCollection(ns, key, unique, chunks));
    }
    return new RoutingTable(shards, primaries, collections);
  }

  /** Each chunk coverage problem as a sentence naming the collection and the range, sorted. */
  public static List<String> coverageProblems(RoutingTable table) {
    List<String> out = new ArrayList<>();
    for (ShardedCollection c : table.collections().values()) {
      ChunkCoverage.problems(c).forEach(p -> out.add(p.describe()));
    }
    out.sort(null);
    return out;
  }

  /** The exception {@link #read} throws for these coverage problems (none: null). */
  public static RestoreException coverageError(List<String> problems) {
    if (problems.isEmpty()) {
      return null;
    }
    String shown = problems.stream().limit(PROBLEMS_SHOWN).collect(Collectors.joining("; "));
    String more =
        problems.size() > PROBLEMS_SHOWN
            ? " (and " + (problems.size() - PROBLEMS_SHOWN) + " more)"
            : "";
    return inconsistent("the config server's chunks do not cover the key space: " + shown + more);
  }

  /**
   * The shards a snapshot's {@code config.shards} lists: empty unless it is a config server. What
   * {@link ComponentIdentifier} needs from each snapshot besides its replica set name.
   */
  public static List<Shard> listedShards(MongoClient client) {
    List<Shard> out = new ArrayList<>();
    for (BsonDocument d : all(client.getDatabase("config"), "shards")) {
      String id = string(d, "_id", "config.shards");
      out.add(Shard.parse(id, string(d, "host", "config.shards " + id)));
    }
    return out;
  }

  private static void check(Iterable<ShardedCollection> collections) {
    List<CoverageProblem> problems = new ArrayList<>();
    for (ShardedCollection c : collections) {
      problems.addAll(ChunkCoverage.problems(c));
    }
    if (!problems.isEmpty()) {
      String shown =
          problems.stream()
              .limit(PROBLEMS_SHOWN)
              .map(CoverageProblem::describe)
              .collect(Collectors.joining("; "));
      String more =
          problems.size() > PROBLEMS_SHOWN
              ? " (and " + (problems.size() - PROBLEMS_SHOWN) + " more)"
              : "";
      throw inconsistent("the config server's chunks do not cover the key space: " + shown + more);
    }
  }

  private static List<BsonDocument> all(MongoDatabase db, String collection) {
    MongoCollection<BsonDocument> c = db.getCollection(collection, BsonDocument.class);
    return c.find().into(new ArrayList<>());
  }

  private static Namespace namespace(String name) {
    int dot = name.indexOf('.');
    if (dot <= 0 || dot == name.length() - 1) {
      throw inconsistent(
          "config.collections lists \"" + UserText.cap(name) + "\", which is not db.collection");
    }
    return new Namespace(name.substring(0, dot), name.substring(dot + 1));
  }

  private static String string(BsonDocument d, String field, String where) {
    BsonValue v = d.get(field);
    if (v == null || !v.isString()) {
      throw inconsistent(
          UserText.cap(where) + " has no string field " + field + ": " + UserText.cap(d.toJson()));
    }
    return v.asString().getValue();
  }

  private static BsonDocument document(BsonDocument d, String field, String ns) {
    BsonValue v = d.get(field);
    if (v == null || !v.isDocument()) {
      throw inconsistent("an entry for " + UserText.cap(ns) + " has no document field " + field);
    }
    return v.asDocument();
  }

  private static RestoreException inconsistent(String what) {
    return new RestoreException(ExitCode.SNAPSHOT, what, CHECK_SNAPSHOT);
  }
}
