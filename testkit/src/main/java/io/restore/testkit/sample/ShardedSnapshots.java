package io.restore.testkit.sample;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;

/**
 * A {@link ShardedSample} written as stand-in snapshots (test double data), one dbpath per
 * component, each with its own key id, master key, replica set and metadata. See {@link
 * ShardedSampleGenerator#writeSnapshots}.
 *
 * @param configServer the config server's dbpath
 * @param shards shard id → that shard's dbpath, in config.shards order
 * @param sample what was planted where, owned or orphan (the generator's plan)
 * @param components every component by name ("config", then the shard ids), with its key material
 * @param configServerExtras what the config server holds besides {@code sample.config()}: "db.coll"
 *     → documents (more of its {@code config} database; a dump through mongos takes these from it)
 * @param shardExtras what every shard holds that a dump through mongos never shows: "db.coll" →
 *     documents (the shard's own {@code config} collections)
 */
public record ShardedSnapshots(
    Path configServer,
    Map<String, Path> shards,
    ShardedSample sample,
    Map<String, Component> components,
    Map<String, List<BsonDocument>> configServerExtras,
    Map<String, List<BsonDocument>> shardExtras) {
  public static final String CONFIG = "config";

  public ShardedSnapshots {
    shards = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(shards));
    components = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(components));
    configServerExtras = Map.copyOf(configServerExtras);
    shardExtras = Map.copyOf(shardExtras);
  }

  /**
   * One component's snapshot.
   *
   * @param name "config" or the shard id
   * @param replicaSet the replica set it came from
   * @param seed the seed its key id and master key derive from ({@link
   *     SampleSnapshotGenerator#keyIdFor}, {@link SampleSnapshotGenerator#masterKeyFor})
   * @param provider "local" or "aws"
   * @param keyFile the raw master key (local provider: the file the metadata names; aws: a copy for
   *     tests, outside the dbpath)
   */
  public record Component(
      String name,
      Path dbpath,
      String replicaSet,
      String keyId,
      long seed,
      String provider,
      Path metadataFile,
      Path keyFile) {
    /** A fresh copy of the master key (the caller zeroes it). */
    public byte[] masterKey() {
      return SampleSnapshotGenerator.masterKeyFor(seed);
    }
  }

  public Component configComponent() {
    return components.get(CONFIG);
  }
}
