package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restore.cluster.dump.ClusterConnections;
import io.restore.cluster.dump.ClusterDump;
import io.restore.cluster.dump.ClusterDumpResult;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * scripts/bench-dump's sharded row, not a test. {@code server <MB>}: a config server and three
 * shards (mongo-java-server, one loopback port each, in this JVM) holding the same db "bench" as
 * {@link DumpBench}'s server, each collection sharded on {@code {_id: 1}} in three equal ranges,
 * and 1% of shard 1's documents left behind on shard 0 as orphans; prints {@code shards URIS}. The
 * row dumps it through {@link ClusterDump} (every document through the ownership filter).
 */
final class ShardedBench {
  private static final String[] SHARDS = {"shard-0", "shard-1", "shard-2"};

  private ShardedBench() {}

  public static void main(String[] args) throws Exception {
    int megabytes = Integer.parseInt(args[1]);
    List<MongoServer> servers = new ArrayList<>();
    List<String> uris = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      MongoServer s = new MongoServer(new MemoryBackend());
      uris.add("mongodb://127.0.0.1:" + s.bind().getPort());
      servers.add(s);
    }
    load(uris, megabytes);
    // config=URI;shard-0=URI;...: one argument for the row
    StringBuilder line = new StringBuilder("config=" + uris.get(0));
    for (int i = 0; i < 3; i++) {
      line.append(';').append(SHARDS[i]).append('=').append(uris.get(i + 1));
    }
    System.out.println("shards " + line);
    System.out.flush();
    Thread.currentThread().join();
  }

  static void load(List<String> uris, int megabytes) {
    List<MongoClient> c = uris.stream().map(MongoClients::create).toList();
    try {
      BenchData.load(c.get(1), megabytes, 0); // everything on shard 0 first
      MongoCollection<BsonDocument> shards =
          c.get(0).getDatabase("config").getCollection("shards", BsonDocument.class);
      for (String s : SHARDS) {
        shards.insertOne(
            new BsonDocument("_id", new BsonString(s))
                .append("host", new BsonString(s + "/127.0.0.1:1")));
      }
      c.get(0)
          .getDatabase("config")
          .getCollection("databases", BsonDocument.class)
          .insertOne(
              new BsonDocument("_id", new BsonString("bench"))
                  .append("primary", new BsonString(SHARDS[0])));
      MongoCollection<BsonDocument> collections =
          c.get(0).getDatabase("config").getCollection("collections", BsonDocument.class);
      MongoCollection<BsonDocument> chunks =
          c.get(0).getDatabase("config").getCollection("chunks", BsonDocument.class);
      for (String name : c.get(1).getDatabase("bench").listCollectionNames()) {
        MongoCollection<BsonDocument> all =
            c.get(1).getDatabase("bench").getCollection(name, BsonDocument.class);
        int n = (int) all.countDocuments();
        int[] cuts = {n / 3, 2 * n / 3};
        BsonBinary uuid = new BsonBinary(UUID.nameUUIDFromBytes(name.getBytes()));
        collections.insertOne(
            new BsonDocument("_id", new BsonString("bench." + name))
                .append("key", new BsonDocument("_id", new BsonInt32(1)))
                .append("uuid", uuid));
        BsonValue[] bounds = {
          new BsonMinKey(), new BsonInt32(cuts[0]), new BsonInt32(cuts[1]), new BsonMaxKey()
        };
        for (int k = 0; k < 3; k++) {
          chunks.insertOne(
              new BsonDocument("uuid", uuid)
                  .append("min", new BsonDocument("_id", bounds[k]))
                  .append("max", new BsonDocument("_id", bounds[k + 1]))
                  .append("shard", new BsonString(SHARDS[k])));
        }
        int orphansUpTo = cuts[0] + Math.max(1, (cuts[1] - cuts[0]) / 100);
        for (int k = 1; k < 3; k++) {
          int lo = cuts[k - 1];
          int hi = k == 1 ? cuts[1] : Integer.MAX_VALUE;
          MongoCollection<BsonDocument> to =
              c.get(k + 1).getDatabase("bench").getCollection(name, BsonDocument.class);
          List<BsonDocument> batch = new ArrayList<>();
          for (BsonDocument d :
              all.find(Filters.and(Filters.gte("_id", lo), Filters.lt("_id", hi)))) {
            batch.add(d);
            if (batch.size() == 1000) {
              to.insertMany(batch);
              batch = new ArrayList<>();
            }
          }
          if (!batch.isEmpty()) {
            to.insertMany(batch);
          }
          // the first 1% of shard 1's range stays behind on shard 0: orphans
          all.deleteMany(
              Filters.and(Filters.gte("_id", k == 1 ? orphansUpTo : lo), Filters.lt("_id", hi)));
        }
      }
    } finally {
      c.forEach(MongoClient::close);
    }
  }

  /** The row: db "bench" of the cluster, as a directory. {documents, bytes, seconds, output}. */
  static double[] dump(String spec, Path dir, boolean keep) throws Exception {
    Map<String, String> uris = new LinkedHashMap<>();
    for (String part : spec.split(";")) {
      int eq = part.indexOf('=');
      uris.put(part.substring(0, eq), part.substring(eq + 1));
    }
    String config = uris.remove("config");
    Path out = dir.resolve("sharded");
    long t0 = System.nanoTime();
    ClusterDumpResult r =
        new ClusterDump(System.out, Clock.systemUTC(), () -> "bench")
            .dump(
                new ClusterConnections(config, uris),
                DumpRequest.of(new DumpOutput.Directory(out))
                    .withFilter(NamespaceFilter.database("bench"))
                    .withOverwrite(true),
                DumpProgress.SILENT);
    double secs = (System.nanoTime() - t0) / 1e9;
    if (r.sharded().orphans() == 0) {
      throw new IllegalStateException("the sharded bench data has no orphans");
    }
    long size = DumpBench.sizeOf(out);
    if (!keep) {
      StagedOutput.deleteRecursively(out);
    }
    return new double[] {r.summary().documents(), r.summary().bytes(), secs, size};
  }
}
