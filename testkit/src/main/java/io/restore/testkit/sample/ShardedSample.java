package io.restore.testkit.sample;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * A generated sharded cluster (test double data): the config server's {@code config} collections
 * and each shard's documents, every document marked owned or orphan by the generator's own plan
 * (never by the code under test). See {@link ShardedSampleGenerator}.
 *
 * @param configReplicaSet the config server's replica set name
 * @param config config collection name ("shards", "databases", "collections", "chunks") → documents
 * @param shards the shards, in config.shards order
 */
public record ShardedSample(
    String configReplicaSet, Map<String, List<BsonDocument>> config, List<ShardData> shards) {
  public ShardedSample {
    config = Map.copyOf(config);
    shards = List.copyOf(shards);
  }

  /** One shard: its id in config.shards, its replica set, and what it holds. */
  public record ShardData(String id, String replicaSet, List<Placed> documents) {
    public ShardData {
      documents = List.copyOf(documents);
    }

    /** Orphans planted on this shard, by "db.collection" (sorted). */
    public Map<String, Long> expectedOrphans() {
      Map<String, Long> out = new TreeMap<>();
      for (Placed p : documents) {
        if (!p.owned()) {
          out.merge(p.db() + "." + p.collection(), 1L, Long::sum);
        }
      }
      return out;
    }
  }

  /** A document as stored on a shard, and whether that shard owns it. */
  public record Placed(String db, String collection, RawBsonDocument document, boolean owned) {}
}
