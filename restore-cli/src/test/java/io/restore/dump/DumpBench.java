package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCursor;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restore.dump.archive.ArchiveVerifier;
import java.io.BufferedInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.bson.RawBsonDocument;

/**
 * scripts/bench-dump, not a test. {@code server <MB> <realMB>}: a mongo-java-server on a free
 * loopback port holding {@link BenchData} (db "bench": 8 collections, half random bytes; db "real":
 * application-like documents), prints "port N". {@code row <row> <uri> <dir>}: one row of the table
 * in this JVM (so that its peak RSS is the row's own), run twice — a warm-up, then the measured run
 * — and printed as {@code RESULT row documents bytes seconds peakRssKiB outputBytes cpuSeconds}.
 */
public final class DumpBench {
  private DumpBench() {}

  public static void main(String[] args) throws Exception {
    if (args[0].equals("sharded-server")) {
      ShardedBench.main(args);
      return;
    }
    if (args[0].equals("server")) {
      server(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
      return;
    }
    if (args[0].equals("real-files")) { // the "real" collections as .bson files, no server
      BenchData.writeRealFiles(Path.of(args[1]), Integer.parseInt(args[2]));
      return;
    }
    String row = args[1];
    String uri = args[2];
    Path dir = Path.of(args[3]);
    double[] r = null;
    int runs = Integer.getInteger("bench.runs", 2); // profiling takes more
    long cpu = 0;
    for (int i = 0; i < runs; i++) {
      long cpu0 = cpuNanos();
      if (Boolean.getBoolean("bench.marks")) { // for `perf record -k CLOCK_MONOTONIC --time`
        System.err.printf(Locale.ROOT, "MARK run %d %.6f%n", i, System.nanoTime() / 1e9);
      }
      r = row(row, uri, dir, i == runs - 1);
      cpu = cpuNanos() - cpu0;
    }
    if (Boolean.getBoolean("bench.marks")) {
      System.err.printf(Locale.ROOT, "MARK end %.6f%n", System.nanoTime() / 1e9);
    }
    System.out.printf(
        Locale.ROOT,
        "RESULT %s %d %d %.4f %d %d %.4f%n",
        row,
        (long) r[0],
        (long) r[1],
        r[2],
        peakRssKib(),
        (long) r[3],
        cpu / 1e9);
  }

  static void server(int megabytes, int realMegabytes) throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    var addr = server.bind();
    try (MongoClient c = MongoClients.create("mongodb://127.0.0.1:" + addr.getPort())) {
      BenchData.load(c, megabytes, realMegabytes);
    }
    System.out.println("port " + addr.getPort());
    System.out.flush();
    Thread.currentThread().join();
  }

  /** {documents, bytes read, seconds, bytes of output}. {@code last}: keep the output. */
  static double[] row(String row, String uri, Path dir, boolean last) throws Exception {
    NamespaceFilter bench = NamespaceFilter.database("bench");
    NamespaceFilter real = NamespaceFilter.database("real");
    return switch (row) {
      case "drain" -> drain(uri, "bench");
      case "real-drain" -> drain(uri, "real");
      case "dir" -> dump(uri, request(new DumpOutput.Directory(dir.resolve("dir")), bench), last);
      case "gzip" ->
          dump(
              uri,
              request(new DumpOutput.Directory(dir.resolve("gz")), bench).withGzip(true),
              false);
      case "real-dir" ->
          dump(uri, request(new DumpOutput.Directory(dir.resolve("rdir")), real), last);
      case "real-gzip" ->
          dump(
              uri,
              request(new DumpOutput.Directory(dir.resolve("rgz")), real).withGzip(true),
              false);
      case "archive" ->
          dump(uri, request(DumpOutput.Archive.toFile(dir.resolve("a")), bench), last);
      case "archive-noverify" -> streamedArchive(uri, bench, dir.resolve("s"));
      case "verify" -> verify(dir.resolve("a"));
      case "gzip-files" -> gzipFiles(dir.resolve("dir/bench"), dir.resolve("gzf"));
      case "sharded" -> ShardedBench.dump(uri, dir, false);
      case "real-gzip-files" -> gzipFiles(dir.resolve("rdir/real"), dir.resolve("rgzf"));
      case "store-file", "store-s3", "store-azure", "store-gcs" -> StoreBench.row(row, uri, dir);
      default -> throw new IllegalArgumentException("unknown row " + row);
    };
  }

  private static DumpRequest request(DumpOutput out, NamespaceFilter f) {
    return DumpRequest.of(out).withFilter(f).withOverwrite(true);
  }

  /** 4 collections at a time, largest first, with the dumper's batch sizes; documents discarded. */
  static double[] drain(String uri, String db) throws Exception {
    long t0 = System.nanoTime();
    AtomicLong docs = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    try (MongoClient c = MongoClients.create(uri)) {
      List<CollectionPlan> plans = new Catalog(c).plan(NamespaceFilter.database(db));
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
                    long n = 0;
                    long b = 0;
                    while (cur.hasNext()) {
                      b += cur.next().getByteBuffer().remaining();
                      n++;
                    }
                    docs.addAndGet(n);
                    bytes.addAndGet(b);
                  }
                }));
      }
      for (Future<?> f : fs) {
        f.get();
      }
      pool.shutdown();
    }
    return new double[] {docs.get(), bytes.get(), (System.nanoTime() - t0) / 1e9, 0};
  }

  static double[] dump(String uri, DumpRequest r, boolean keep) throws Exception {
    long t0 = System.nanoTime();
    DumpSummary s =
        new Dumper(System.out, Map.of(), Clock.systemUTC(), () -> "bench")
            .dump(uri, r, DumpProgress.SILENT);
    double secs = (System.nanoTime() - t0) / 1e9;
    Path out =
        r.output() instanceof DumpOutput.Directory d
            ? d.dir()
            : ((DumpOutput.Archive) r.output()).file().orElseThrow();
    long size = size(out);
    if (!keep) {
      StagedOutput.deleteRecursively(out);
    }
    return new double[] {s.documents(), s.bytes(), secs, size};
  }

  /** The archive without the re-read: streamed (as to stdout) into a file. */
  static double[] streamedArchive(String uri, NamespaceFilter f, Path file) throws Exception {
    long t0 = System.nanoTime();
    DumpSummary s;
    try (OutputStream o = new FileOutputStream(file.toFile())) {
      s =
          new Dumper(o, Map.of(), Clock.systemUTC(), () -> "bench")
              .dump(uri, request(DumpOutput.Archive.toStdout(), f), DumpProgress.SILENT);
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    long size = Files.size(file);
    Files.delete(file);
    return new double[] {s.documents(), s.bytes(), secs, size};
  }

  /** Re-reading a finished archive alone: what verification costs after the fact. */
  static double[] verify(Path archive) throws Exception {
    long t0 = System.nanoTime();
    ArchiveVerifier.Report rep;
    try (InputStream in = new BufferedInputStream(Files.newInputStream(archive), 1 << 20)) {
      rep = ArchiveVerifier.verify(in);
    }
    long docs = rep.namespaces().values().stream().mapToLong(s -> s.documents()).sum();
    long bytes = rep.namespaces().values().stream().mapToLong(s -> s.bytes()).sum();
    return new double[] {docs, bytes, (System.nanoTime() - t0) / 1e9, Files.size(archive)};
  }

  /**
   * Our gzip stream over the files pigz compresses in the same run: compressor against compressor.
   */
  static double[] gzipFiles(Path src, Path dst) throws Exception {
    Files.createDirectories(dst);
    long t0 = System.nanoTime();
    long in = 0;
    long out = 0;
    try (Pools pools = Pools.create();
        Stream<Path> files = Files.list(src)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".bson")).sorted().toList()) {
        Path gz = dst.resolve(f.getFileName() + ".gz");
        try (InputStream i = Files.newInputStream(f);
            OutputStream o =
                new ParallelGzipOutputStream(
                    Files.newOutputStream(gz),
                    DumpRequest.DEFAULT_COMPRESSION_LEVEL,
                    pools.compressors(),
                    pools.compressorThreads())) {
          in += i.transferTo(o);
        }
        out += Files.size(gz);
      }
    }
    double secs = (System.nanoTime() - t0) / 1e9;
    StagedOutput.deleteRecursively(dst);
    return new double[] {0, in, secs, out};
  }

  static long sizeOf(Path p) throws Exception {
    return size(p);
  }

  private static long size(Path p) throws Exception {
    if (Files.isRegularFile(p)) {
      return Files.size(p);
    }
    try (Stream<Path> s = Files.walk(p)) {
      long total = 0;
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        total += Files.size(f);
      }
      return total;
    }
  }

  /** CPU time of this JVM, all threads (the client's share of the two cores). */
  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** VmHWM: the most resident memory this JVM has had. */
  private static long peakRssKib() throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }
}
