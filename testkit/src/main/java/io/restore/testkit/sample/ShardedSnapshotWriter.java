package io.restore.testkit.sample;

import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.mongod.StandInData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/**
 * Writes a {@link ShardedSample} as stand-in snapshots (test double data): {@code <folder>/config/}
 * for the config server and {@code <folder>/<shard id>/} per shard, each with its own key id and
 * master key (from {@code seed}, {@code seed + 1}, …), its replica set (in the stand-in's manifest:
 * it logs mongod's line 20547 for it) and its metadata. Every component uses the {@code local} key
 * source (raw key files under {@code <folder>/keys/}, one of them base64) unless an AWS KMS double
 * is given: then the second shard's key is wrapped by it ({@code aws} provider; open it with {@code
 * --kms-endpoint}).
 *
 * <p>The shards also hold what a read through mongos never returns (their own {@code config}
 * collections), and the config server more {@code config} collections, so that a dump can be
 * checked for taking {@code config} from the config server only.
 */
public final class ShardedSnapshotWriter {
  private ShardedSnapshotWriter() {}

  /** Writes {@code sample} under {@code folder}; {@code aws} may be null (all local keys). */
  public static ShardedSnapshots write(Path folder, long seed, ShardedSample sample, FakeAwsKms aws)
      throws IOException {
    Path root = folder.toAbsolutePath().normalize();
    Map<String, ShardedSnapshots.Component> components = new LinkedHashMap<>();
    Map<String, List<BsonDocument>> configExtras = configServerExtras();
    Map<String, List<BsonDocument>> shardExtras = shardExtras(sample.configReplicaSet());

    List<StandInData.StoredCollection> config = new ArrayList<>();
    sample
        .config()
        .forEach((name, docs) -> config.add(collection("config", name, List.of(), docs)));
    addExtras(config, configExtras);
    components.put(
        ShardedSnapshots.CONFIG,
        writeComponent(
            root, ShardedSnapshots.CONFIG, sample.configReplicaSet(), seed, config, null, false));

    Map<String, Path> shards = new LinkedHashMap<>();
    long componentSeed = seed;
    int index = 0;
    for (ShardedSample.ShardData shard : sample.shards()) {
      componentSeed++;
      index++;
      List<StandInData.StoredCollection> collections = shardCollections(sample, shard);
      addExtras(collections, shardExtras);
      ShardedSnapshots.Component c =
          writeComponent(
              root,
              shard.id(),
              shard.replicaSet(),
              componentSeed,
              collections,
              index == 2 ? aws : null,
              index == 3);
      components.put(shard.id(), c);
      shards.put(shard.id(), c.dbpath());
    }
    return new ShardedSnapshots(
        components.get(ShardedSnapshots.CONFIG).dbpath(),
        shards,
        sample,
        components,
        configExtras,
        shardExtras);
  }

  /**
   * A shard's collections: every namespace it holds documents of, plus every collection of the
   * databases it is primary for (empty there when all its documents live elsewhere).
   */
  private static List<StandInData.StoredCollection> shardCollections(
      ShardedSample sample, ShardedSample.ShardData shard) {
    Map<String, List<byte[]>> byNs = new TreeMap<>();
    for (ShardedSample.ShardData s : sample.shards()) {
      for (ShardedSample.Placed p : s.documents()) {
        String ns = p.db() + "." + p.collection();
        if (isPrimary(sample, p.db(), shard.id())) {
          byNs.putIfAbsent(ns, new ArrayList<>());
        }
      }
    }
    for (ShardedSample.Placed p : shard.documents()) {
      byNs.computeIfAbsent(p.db() + "." + p.collection(), k -> new ArrayList<>())
          .add(bytes(p.document()));
    }
    Map<String, BsonDocument> keys = shardKeys(sample);
    List<StandInData.StoredCollection> out = new ArrayList<>();
    byNs.forEach(
        (ns, docs) -> {
          int dot = ns.indexOf('.');
          List<StandInData.Index> indexes = new ArrayList<>();
          BsonDocument key = keys.get(ns);
          if (key != null && !key.equals(new BsonDocument("_id", new BsonInt32(1)))) {
            indexes.add(new StandInData.Index(indexName(key), key, false));
          }
          out.add(
              new StandInData.StoredCollection(
                  ns.substring(0, dot), ns.substring(dot + 1), indexes, docs));
        });
    return out;
  }

  private static boolean isPrimary(ShardedSample sample, String db, String shardId) {
    for (BsonDocument d : sample.config().getOrDefault("databases", List.of())) {
      if (d.getString("_id").getValue().equals(db)) {
        return d.getString("primary").getValue().equals(shardId);
      }
    }
    return false;
  }

  /** Live (not dropped) sharded collections' key patterns by namespace. */
  private static Map<String, BsonDocument> shardKeys(ShardedSample sample) {
    Map<String, BsonDocument> out = new TreeMap<>();
    for (BsonDocument c : sample.config().getOrDefault("collections", List.of())) {
      if (!c.getBoolean("dropped", org.bson.BsonBoolean.FALSE).getValue()) {
        out.put(c.getString("_id").getValue(), c.getDocument("key"));
      }
    }
    return out;
  }

  /** mongod's index name: field_value joined by "_" ("region_1_order.no_1", "_id_hashed"). */
  static String indexName(BsonDocument key) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, BsonValue> e : key.entrySet()) {
      BsonValue v = e.getValue();
      parts.add(
          e.getKey()
              + "_"
              + (v.isString() ? v.asString().getValue() : String.valueOf(v.asNumber().intValue())));
    }
    return String.join("_", parts);
  }

  /**
   * The config server's collections besides the routing ones: {@code config.version} (dumped) and
   * {@code config.transactions} (never dumped). mongo-java-server, under the stand-in, cannot hold
   * collections in {@code admin}.
   */
  private static Map<String, List<BsonDocument>> configServerExtras() {
    Map<String, List<BsonDocument>> m = new TreeMap<>();
    m.put(
        "config.version",
        List.of(
            new BsonDocument("_id", new BsonInt32(1))
                .append(
                    "clusterId",
                    new org.bson.BsonObjectId(
                        new org.bson.types.ObjectId("65a1b2c3d4e5f60718293a4b")))));
    m.put(
        "config.transactions",
        List.of(new BsonDocument("_id", new BsonDocument("id", new BsonString("session-1")))));
    return m;
  }

  /** A shard's own collections, which a read through mongos never returns. */
  private static Map<String, List<BsonDocument>> shardExtras(String configReplicaSet) {
    Map<String, List<BsonDocument>> m = new TreeMap<>();
    m.put(
        "config.rangeDeletions",
        List.of(
            new BsonDocument("_id", new BsonString("pending"))
                .append("nss", new BsonString("shop.customers"))));
    m.put(
        "config.version",
        List.of(
            new BsonDocument("_id", new BsonInt32(1))
                .append(
                    "configsvrConnectionString",
                    new BsonString(configReplicaSet + "/config-00-00.abc12.mongodb.net:27017"))));
    return m;
  }

  private static void addExtras(
      List<StandInData.StoredCollection> to, Map<String, List<BsonDocument>> extras) {
    extras.forEach(
        (ns, docs) -> {
          int dot = ns.indexOf('.');
          to.add(collection(ns.substring(0, dot), ns.substring(dot + 1), List.of(), docs));
        });
  }

  private static StandInData.StoredCollection collection(
      String db, String name, List<StandInData.Index> indexes, List<BsonDocument> docs) {
    List<byte[]> raw = new ArrayList<>();
    for (BsonDocument d : docs) {
      raw.add(bytes(new RawBsonDocument(d, new BsonDocumentCodec())));
    }
    return new StandInData.StoredCollection(db, name, indexes, raw);
  }

  private static byte[] bytes(RawBsonDocument d) {
    java.nio.ByteBuffer b = d.getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }

  private static ShardedSnapshots.Component writeComponent(
      Path root,
      String name,
      String replicaSet,
      long seed,
      List<StandInData.StoredCollection> collections,
      FakeAwsKms aws,
      boolean base64)
      throws IOException {
    Path dbpath = Files.createDirectories(root.resolve(name));
    String keyId = SampleSnapshotGenerator.keyIdFor(seed);
    byte[] key = SampleSnapshotGenerator.masterKeyFor(seed);
    Path keyFile = root.resolve("keys").resolve(name + ".key");
    Files.createDirectories(keyFile.getParent());
    Path metadata;
    String provider;
    if (aws == null) {
      provider = "local";
      if (base64) {
        Files.writeString(keyFile, Base64.getEncoder().encodeToString(key) + "\n");
      } else {
        Files.write(keyFile, key);
      }
      String relative = dbpath.resolve("cloudProviderCredentials").relativize(keyFile).toString();
      metadata = SnapshotLayout.write(dbpath, keyId, provider, Map.of("keyFile", relative));
    } else {
      provider = "aws";
      Files.write(keyFile, key);
      String keyArn = aws.createKey();
      Map<String, String> f = new LinkedHashMap<>();
      f.put("accessKeyID", FakeAwsKms.ACCESS_KEY_ID);
      f.put("secretAccessKey", FakeAwsKms.SECRET_ACCESS_KEY);
      f.put("customerMasterKeyID", keyArn);
      f.put("region", FakeAwsKms.REGION);
      f.put("roleId", "");
      f.put("encryptedKey", Base64.getEncoder().encodeToString(aws.encrypt(keyArn, key, Map.of())));
      metadata = SnapshotLayout.write(dbpath, keyId, provider, f);
    }
    StandInData.Dataset data = new StandInData.Dataset(keyId, replicaSet, collections, List.of());
    try {
      StandInData.write(dbpath, key, data, new Random(seed ^ 0x5EEDL));
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot encrypt the sample data", e);
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
    return new ShardedSnapshots.Component(
        name, dbpath, replicaSet, keyId, seed, provider, metadata, keyFile);
  }
}
