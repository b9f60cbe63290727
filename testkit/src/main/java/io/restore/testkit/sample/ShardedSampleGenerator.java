package io.restore.testkit.sample;

import io.restore.testkit.kms.FakeAwsKms;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;

/**
 * Generates a three-shard cluster's config server data and shard contents (a test double), with
 * ranged ({@code shop.customers}), compound ({@code shop.orders}, one dotted field) and hashed
 * ({@code shop.sessions}, on {@code _id}) shard keys, unsharded collections on their databases'
 * primaries, orphans planted on several shards, a document missing its shard-key field, and chunk
 * boundaries exactly on documents' keys.
 *
 * <p>Which shard owns each document is written down in the plan below, by hand, not computed: the
 * hashed collection's {@code _id}s are values whose hash64 MongoDB publishes (docs/design/
 * docs/design/sharding.md), so their chunks are known without hashing anything here.
 */
public final class ShardedSampleGenerator {
  /** How config.chunks names a chunk's collection. */
  public enum ChunkIdentity {
    /** {@code uuid}, as from MongoDB 5.0. */
    UUID,
    /** {@code ns}, as before 5.0. */
    NAMESPACE
  }

  public static final String CONFIG_REPLICA_SET = "atlas-q1w2e3-config-0";
  private static final String S0 = "atlas-q1w2e3-shard-0";
  private static final String S1 = "atlas-q1w2e3-shard-1";
  private static final String S2 = "atlas-q1w2e3-shard-2";
  private static final List<String> SHARDS = List.of(S0, S1, S2);

  private final ChunkIdentity identity;
  private final Map<String, List<BsonDocument>> config = new LinkedHashMap<>();
  private final Map<String, List<ShardedSample.Placed>> placed = new LinkedHashMap<>();
  private int nextId = 1;

  private ShardedSampleGenerator(ChunkIdentity identity) {
    this.identity = identity;
    for (String c : List.of("shards", "databases", "collections", "chunks")) {
      config.put(c, new ArrayList<>());
    }
    SHARDS.forEach(s -> placed.put(s, new ArrayList<>()));
  }

  public static ShardedSample generate(ChunkIdentity identity) {
    return new ShardedSampleGenerator(identity).build();
  }

  /**
   * The sample (chunks named by UUID) written as stand-in snapshots under {@code folder}: the
   * config server and three shards, each with its own key id and local key file ({@link
   * ShardedSnapshotWriter}).
   */
  public static ShardedSnapshots writeSnapshots(Path folder, long seed) throws IOException {
    return ShardedSnapshotWriter.write(folder, seed, generate(ChunkIdentity.UUID), null);
  }

  /** As {@link #writeSnapshots(Path, long)}, the second shard's key wrapped by {@code aws}. */
  public static ShardedSnapshots writeSnapshots(Path folder, long seed, FakeAwsKms aws)
      throws IOException {
    return ShardedSnapshotWriter.write(folder, seed, generate(ChunkIdentity.UUID), aws);
  }

  private ShardedSample build() {
    for (String s : SHARDS) {
      String hosts =
          String.join(
              ",",
              List.of(
                  s + "-00-00.abc12.mongodb.net:27017",
                  s + "-00-01.abc12.mongodb.net:27017",
                  s + "-00-02.abc12.mongodb.net:27017"));
      config
          .get("shards")
          .add(
              new BsonDocument("_id", str(s))
                  .append("host", str(s + "/" + hosts))
                  .append("state", new BsonInt32(1)));
    }
    database("shop", S1);
    database("crm", S2);
    customers();
    orders();
    sessions();
    unsharded();
    // Before 5.0 a dropped collection stays listed, with no chunks; it must be skipped.
    config
        .get("collections")
        .add(
            new BsonDocument("_id", str("shop.old"))
                .append("key", new BsonDocument("x", new BsonInt32(1)))
                .append("dropped", BsonBoolean.TRUE));
    List<ShardedSample.ShardData> shards = new ArrayList<>();
    for (String s : SHARDS) {
      shards.add(new ShardedSample.ShardData(s, s, placed.get(s)));
    }
    return new ShardedSample(CONFIG_REPLICA_SET, config, shards);
  }

  /** Ranged on {customerId: 1}: [MinKey,100) shard 0, [100,200) shard 1, [200,MaxKey) shard 2. */
  private void customers() {
    String ns = "shop.customers";
    BsonDocument key = new BsonDocument("customerId", new BsonInt32(1));
    collection(ns, key, true);
    chunk(ns, doc("customerId", new BsonMinKey()), doc("customerId", new BsonInt32(100)), S0);
    chunk(ns, doc("customerId", new BsonInt32(100)), doc("customerId", new BsonInt32(200)), S1);
    chunk(ns, doc("customerId", new BsonInt32(200)), doc("customerId", new BsonMaxKey()), S2);
    put(ns, doc("customerId", new BsonInt32(5)), S0);
    put(ns, doc("customerId", new BsonInt64(99)), S0);
    put(ns, new BsonDocument("name", str("no customerId: counts as null")), S0);
    put(ns, doc("customerId", new BsonInt32(100)), S1, S2); // on the boundary; orphan on 2
    put(ns, doc("customerId", new org.bson.BsonDouble(150.5)), S1, S0); // orphan on 0
    put(ns, doc("customerId", new BsonInt32(199)), S1);
    put(ns, doc("customerId", new BsonInt32(200)), S2); // on the boundary
    put(ns, doc("customerId", str("C-7")), S2); // strings sort after numbers
  }

  /** Compound {region: 1, "order.no": 1}, the second field dotted. */
  private void orders() {
    String ns = "shop.orders";
    BsonDocument key =
        new BsonDocument("region", new BsonInt32(1)).append("order.no", new BsonInt32(1));
    collection(ns, key, false);
    chunk(ns, bound(new BsonMinKey(), new BsonMinKey()), bound(str("eu"), new BsonMinKey()), S0);
    chunk(ns, bound(str("eu"), new BsonMinKey()), bound(str("us"), new BsonInt32(500)), S1);
    chunk(ns, bound(str("us"), new BsonInt32(500)), bound(new BsonMaxKey(), new BsonMaxKey()), S2);
    put(ns, order(str("ap"), 1), S0);
    put(ns, order(new BsonInt32(7), 1), S0); // a number sorts before every string
    put(ns, order(str("eu"), 3), S1, S2); // orphan on 2
    put(ns, order(str("us"), 499), S1);
    put(ns, new BsonDocument("region", str("us")).append("order", new BsonDocument()), S1);
    put(ns, order(str("us"), 500), S2); // on the boundary
    put(ns, order(str("zz"), 1), S2);
  }

  /**
   * Hashed {_id: "hashed"}. Each _id is a value with a published hash64 (in the comment); the chunk
   * bound 1140205862565771219 is exactly hash64(-1).
   */
  private void sessions() {
    String ns = "shop.sessions";
    collection(ns, new BsonDocument("_id", str("hashed")), false);
    BsonValue h1 = new BsonInt64(-3_000_000_000_000_000_000L);
    BsonValue h2 = new BsonInt64(1140205862565771219L);
    BsonValue h3 = new BsonInt64(5_000_000_000_000_000_000L);
    chunk(ns, doc("_id", new BsonMinKey()), doc("_id", h1), S0);
    chunk(ns, doc("_id", h1), doc("_id", h2), S1);
    chunk(ns, doc("_id", h2), doc("_id", h3), S2);
    chunk(ns, doc("_id", h3), doc("_id", new BsonMaxKey()), S0);
    session(new BsonObjectId(new ObjectId("010203040506070809101112")), S0); // -5588663249627035708
    session(new BsonObjectId(new ObjectId(new byte[12])), S0); // -4293118519463489418
    session(new BsonInt32(42), S1); // -944302157085130861
    session(new BsonInt64(Long.MAX_VALUE), S1); // 921523596458303250
    session(new BsonInt32(-1), S2); // 1140205862565771219: on the boundary
    session(new BsonInt32(Integer.MAX_VALUE), S2); // 1143184177162245883
    session(str(""), S2); // 2049396243249673340
    session(new BsonInt64(Long.MIN_VALUE), S2); // 4532067210535695462
    session(new BsonInt32(0), S2, S0); // 4854801880128277513; orphan on 0
    session(new BsonInt32(1), S0); // 5902408780260971510
    session(new BsonInt32(Integer.MIN_VALUE), S0); // 6165898260261354870
    session(str("abc"), S0, S1); // 8478485326885698097; orphan on 1
  }

  /** shop's primary is shard 1, crm's shard 2; a leftover copy on another shard is an orphan. */
  private void unsharded() {
    put("shop.notes", new BsonDocument("text", str("kept on the primary")), S1);
    put("shop.notes", new BsonDocument("text", str("left behind by movePrimary")), S1, S0);
    put("crm.contacts", new BsonDocument("name", str("Ada")), S2);
  }

  private void session(BsonValue id, String owner, String... orphanedOn) {
    placeAll(
        "shop.sessions",
        new BsonDocument("_id", id).append("user", str("u" + nextId++)),
        owner,
        orphanedOn);
  }

  /** Stores the document on its owner, and copies (same _id) as orphans on the others given. */
  private void put(String ns, BsonDocument fields, String owner, String... orphanedOn) {
    BsonDocument d =
        new BsonDocument("_id", new BsonObjectId(new ObjectId(String.format("%024x", nextId++))));
    d.putAll(fields);
    placeAll(ns, d, owner, orphanedOn);
  }

  private void placeAll(String ns, BsonDocument d, String owner, String... orphanedOn) {
    RawBsonDocument raw = new RawBsonDocument(d, new BsonDocumentCodec());
    int dot = ns.indexOf('.');
    String db = ns.substring(0, dot);
    String coll = ns.substring(dot + 1);
    placed.get(owner).add(new ShardedSample.Placed(db, coll, raw, true));
    for (String s : orphanedOn) {
      placed.get(s).add(new ShardedSample.Placed(db, coll, raw, false));
    }
  }

  private void database(String name, String primary) {
    config
        .get("databases")
        .add(
            new BsonDocument("_id", str(name))
                .append("primary", str(primary))
                .append("partitioned", BsonBoolean.TRUE));
  }

  private void collection(String ns, BsonDocument key, boolean unique) {
    config
        .get("collections")
        .add(
            new BsonDocument("_id", str(ns))
                .append(
                    "lastmodEpoch",
                    new BsonObjectId(
                        new ObjectId(String.format("%024x", ns.hashCode() & 0xffffff))))
                .append("lastmod", new BsonDateTime(1_700_000_000_000L))
                .append("key", key)
                .append("unique", BsonBoolean.valueOf(unique))
                .append("uuid", uuid(ns)));
  }

  private void chunk(String ns, BsonDocument min, BsonDocument max, String shard) {
    BsonDocument c =
        new BsonDocument(
            "_id", new BsonObjectId(new ObjectId(String.format("%024x", 0xc0000 + nextId++))));
    if (identity == ChunkIdentity.UUID) {
      c.append("uuid", uuid(ns));
    } else {
      c.append("ns", str(ns));
    }
    c.append("min", min).append("max", max).append("shard", str(shard));
    c.append("lastmod", new BsonTimestamp(1, config.get("chunks").size() + 1));
    config.get("chunks").add(c);
  }

  private static BsonBinary uuid(String ns) {
    return new BsonBinary(
        UUID.nameUUIDFromBytes(ns.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
  }

  private static BsonDocument order(BsonValue region, int no) {
    return new BsonDocument("region", region).append("order", doc("no", new BsonInt32(no)));
  }

  private static BsonDocument bound(BsonValue region, BsonValue no) {
    return new BsonDocument("region", region).append("order.no", no);
  }

  private static BsonDocument doc(String field, BsonValue v) {
    return new BsonDocument(field, v);
  }

  private static BsonString str(String s) {
    return new BsonString(s);
  }
}
