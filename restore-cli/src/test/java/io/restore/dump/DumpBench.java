package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.bson.RawBsonDocument;

/**
 * scripts/bench-dump, not a test. {@code server <MB>}: a mongo-java-server on a free loopback port
 * holding 8 collections, prints "port N"; {@code client <uri> <tmp>}: (a) raw cursor drain, (b)
 * directory dump, (c) --gzip, (d) --archive, on the same server and data.
 */
public final class DumpBench {
  private DumpBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("server")) {
      server(Integer.parseInt(args[1]));
    } else {
      client(args[1], Path.of(args[2]));
    }
  }

  static void server(int megabytes) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    var addr = server.bind();
    String uri = "mongodb://127.0.0.1:" + addr.getPort();
    Random rnd = new Random(1);
    try (MongoClient c = MongoClients.create(uri)) {
      long perColl = (long) megabytes * 1024 * 1024 / 8;
      for (int k = 0; k < 8; k++) {
        int docSize = 300 + k * 250; // collections of different shapes and sizes
        long n = perColl * (k + 4) / 8 / docSize;
        var coll = c.getDatabase("bench").getCollection("c" + k, BsonDocument.class);
        List<BsonDocument> batch = new ArrayList<>();
        for (long i = 0; i < n; i++) {
          byte[] b = new byte[docSize / 2];
          rnd.nextBytes(b);
          batch.add(
              new BsonDocument("_id", new BsonInt32((int) i))
                  .append("s", new BsonString("text-" + i + "-" + "abcdefgh".repeat(docSize / 32)))
                  .append("b", new BsonBinary(b)));
          if (batch.size() == 2000) {
            coll.insertMany(batch);
            batch.clear();
          }
        }
        if (!batch.isEmpty()) {
          coll.insertMany(batch);
        }
      }
    }
    System.out.println("port " + addr.getPort());
    System.out.flush();
    Thread.currentThread().join();
  }

  static void client(String uri, Path tmp) throws Exception {
    String[] names = {
      "(a) raw cursor drain", "(b) directory dump", "(c) directory --gzip", "(d) --archive"
    };
    // round 0 warms the JIT and the server; then the best of 3 rounds per run (a shared machine)
    double[][] best = new double[4][];
    for (int round = 0; round < 4; round++) {
      double[][] rows = {
        drain(uri),
        dump(uri, DumpRequest.of(new DumpOutput.Directory(tmp.resolve("d")))),
        dump(uri, DumpRequest.of(new DumpOutput.Directory(tmp.resolve("g"))).withGzip(true)),
        dump(uri, DumpRequest.of(DumpOutput.Archive.toFile(tmp.resolve("a"))))
      };
      for (int i = 0; round > 0 && i < 4; i++) {
        if (best[i] == null || rows[i][2] < best[i][2]) {
          best[i] = rows[i];
        }
      }
    }
    double[] base = best[0];
    System.out.printf(
        Locale.ROOT,
        "%-24s %10s %8s %8s %8s %7s%n",
        "run (best of 3)",
        "documents",
        "seconds",
        "docs/s",
        "MB/s",
        "x (a)");
    for (int i = 0; i < 4; i++) {
      double[] r = best[i];
      System.out.printf(
          Locale.ROOT,
          "%-24s %10d %8.2f %8.0f %8.1f %7.2f%n",
          names[i],
          (long) r[0],
          r[2],
          r[0] / r[2],
          r[1] / 1e6 / r[2],
          base[2] / r[2]);
    }
  }

  /** {documents, bytes, seconds}: 4 collections at a time, largest first, like the dumper. */
  static double[] drain(String uri) throws Exception {
    long t0 = System.nanoTime();
    AtomicLong docs = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    try (MongoClient c = MongoClients.create(uri)) {
      List<CollectionPlan> plans = new Catalog(c).plan(NamespaceFilter.ALL);
      ExecutorService pool = Executors.newFixedThreadPool(4);
      List<Future<?>> fs = new ArrayList<>();
      for (CollectionPlan p : plans) {
        fs.add(
            pool.submit(
                () -> {
                  try (MongoCursor<RawBsonDocument> cur =
                      c.getDatabase(p.ns().db())
                          .getCollection(p.ns().collection(), RawBsonDocument.class)
                          .find()
                          .batchSize(CollectionReader.batchSize(p.averageDocumentBytes()))
                          .cursor()) {
                    while (cur.hasNext()) {
                      bytes.addAndGet(cur.next().getByteBuffer().remaining());
                      docs.incrementAndGet();
                    }
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
    }
    return new double[] {docs.get(), bytes.get(), (System.nanoTime() - t0) / 1e9};
  }

  static double[] dump(String uri, DumpRequest r) throws Exception {
    long t0 = System.nanoTime();
    DumpSummary s =
        new Dumper(System.out, Map.of(), Clock.systemUTC(), () -> "bench")
            .dump(uri, r, DumpProgress.SILENT);
    double secs = (System.nanoTime() - t0) / 1e9;
    Path out =
        r.output() instanceof DumpOutput.Directory d
            ? d.dir()
            : ((DumpOutput.Archive) r.output()).file().orElseThrow();
    StagedOutput.deleteRecursively(out);
    Files.deleteIfExists(out);
    return new double[] {s.documents(), s.bytes(), secs};
  }
}
