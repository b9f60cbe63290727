package io.restore.dump;

import io.restore.bench.BaselineParallelGzip;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * scripts/bench-dump-micro: our gzip stream against {@code pigz -1 -p 2} and {@code gzip -1} on the
 * same files, in the same run, interleaved: ROUNDS rounds of every variant, each compressing every
 * {@code *.bson} file of DIR into a {@code .gz} beside a scratch copy, then the median per variant
 * of wall seconds, CPU seconds (this JVM's for ours — all threads, so JIT and GC count too — and
 * {@code /usr/bin/time}'s user + sys for the tools) and compressed bytes. Ratios are against pigz's
 * median. Java variants write 8 KiB at a time, one file after another, as bench-dump's (c0) row;
 * {@code <variant>-par} compresses all files at once in 256 KiB writes, as a directory dump does.
 * In package io.restore.dump to reach the stream's block-size constructor.
 *
 * <p>Usage: {@code GzipCompare DIR ROUNDS [variant...]}; variants: {@code new} (the shipped
 * stream), {@code new-<KiB>} (another block size), {@code baseline} (before issue 16's second
 * round, {@link BaselineParallelGzip}), {@code pigz}, {@code gzip1}.
 */
public final class GzipCompare {
  private GzipCompare() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    int rounds = Integer.parseInt(args[1]);
    List<String> variants =
        args.length > 2
            ? Arrays.asList(args).subList(2, args.length)
            : List.of("new", "baseline", "pigz", "gzip1");
    List<Path> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.filter(p -> p.toString().endsWith(".bson")).sorted().toList();
    }
    long input = 0;
    for (Path f : files) {
      input += Files.size(f);
    }
    Path scratch = Files.createTempDirectory("gzip-compare");
    Map<String, List<double[]>> results = new LinkedHashMap<>();
    try (Pools pools = Pools.create()) {
      for (String v : variants) { // warm-up: JIT, page cache
        if (!isTool(v)) {
          run(v, files, scratch, pools);
        }
      }
      for (int round = 1; round <= rounds; round++) {
        System.err.printf(
            "gzip-compare: round %d of %d, load average %s%n", round, rounds, loadAverage());
        for (String v : variants) {
          results.computeIfAbsent(v, k -> new ArrayList<>()).add(run(v, files, scratch, pools));
        }
      }
    } finally {
      try (Stream<Path> s = Files.list(scratch)) {
        for (Path p : s.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(scratch);
    }
    double[] pigz = results.containsKey("pigz") ? median(results.get("pigz")) : null;
    System.out.printf(
        Locale.ROOT,
        "%d files, %.2f MB; median of %d rounds%n%n",
        files.size(),
        input / 1e6,
        rounds);
    System.out.println(
        "| variant | s | MB/s | × pigz | CPU s | CPU ÷ pigz | caller CPU s | GCs | output MB | ÷ pigz"
            + " |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (var e : results.entrySet()) {
      double[] m = median(e.getValue());
      System.out.printf(
          Locale.ROOT,
          "| %s | %.3f | %.1f | %s | %.3f | %s | %s | %s | %.3f | %s |%n",
          e.getKey(),
          m[0],
          input / 1e6 / m[0],
          pigz == null ? "" : String.format(Locale.ROOT, "%.2f", pigz[0] / m[0]),
          m[1],
          pigz == null ? "" : String.format(Locale.ROOT, "%.2f", m[1] / pigz[1]),
          isTool(e.getKey()) ? "" : String.format(Locale.ROOT, "%.3f", m[3]),
          isTool(e.getKey()) ? "" : String.format(Locale.ROOT, "%.0f", m[4]),
          m[2] / 1e6,
          pigz == null ? "" : String.format(Locale.ROOT, "%.4f", m[2] / pigz[2]));
    }
  }

  private static boolean isTool(String v) {
    return v.equals("pigz") || v.equals("gzip1");
  }

  /** {wall seconds, CPU seconds, compressed bytes, caller-thread CPU seconds, GC count}. */
  private static double[] run(String variant, List<Path> files, Path scratch, Pools pools)
      throws Exception {
    List<Path> copies = new ArrayList<>();
    for (Path f : files) { // the tools write NAME.gz beside NAME: give them a scratch name
      Path link = scratch.resolve(f.getFileName());
      Files.deleteIfExists(link);
      copies.add(Files.createSymbolicLink(link, f.toAbsolutePath()));
    }
    double[] r = isTool(variant) ? tool(variant, copies) : ours(variant, copies, pools);
    long out = 0;
    for (Path c : copies) {
      Path gz = c.resolveSibling(c.getFileName() + ".gz");
      out += Files.size(gz);
      Files.delete(gz);
      Files.delete(c);
    }
    r[2] = out;
    return r;
  }

  private static double[] ours(String variant, List<Path> files, Pools pools) throws IOException {
    long cpu0 = cpuNanos();
    long caller0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
    long gc0 = gcCount();
    long t0 = System.nanoTime();
    if (variant.endsWith("-par")) { // as a directory dump: every file at once, in 256 KiB chunks
      String v = variant.substring(0, variant.length() - 4);
      List<java.util.concurrent.Future<?>> running = new ArrayList<>();
      for (Path f : files) {
        running.add(pools.writers().submit(() -> compress(v, f, pools, 256 * 1024)));
      }
      for (var r : running) {
        try {
          r.get();
        } catch (Exception e) {
          throw new IOException(e);
        }
      }
    } else {
      for (Path f : files) {
        compress(variant, f, pools, 8192);
      }
    }
    return new double[] {
      (System.nanoTime() - t0) / 1e9,
      (cpuNanos() - cpu0) / 1e9,
      0,
      (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - caller0) / 1e9,
      gcCount() - gc0
    };
  }

  private static Void compress(String variant, Path f, Pools pools, int writes) throws IOException {
    Path gz = f.resolveSibling(f.getFileName() + ".gz");
    try (InputStream in = Files.newInputStream(f);
        OutputStream o = stream(variant, Files.newOutputStream(gz), pools)) {
      byte[] b = new byte[writes];
      for (int n; (n = in.readNBytes(b, 0, b.length)) > 0; ) {
        o.write(b, 0, n);
      }
    }
    return null;
  }

  private static OutputStream stream(String variant, OutputStream out, Pools pools)
      throws IOException {
    int level = DumpRequest.DEFAULT_COMPRESSION_LEVEL;
    if (variant.equals("new")) {
      return new ParallelGzipOutputStream(
          out, level, pools.compressors(), pools.compressorThreads());
    }
    if (variant.equals("baseline")) {
      return new BaselineParallelGzip(out, level, pools.compressors(), pools.compressorThreads());
    }
    if (variant.startsWith("new-")) {
      int kib = Integer.parseInt(variant.substring(4));
      return new ParallelGzipOutputStream(
          out, level, pools.compressors(), pools.compressorThreads(), kib * 1024);
    }
    throw new IllegalArgumentException("unknown variant " + variant);
  }

  private static double[] tool(String variant, List<Path> files) throws Exception {
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/time", "-f", "%e %U %S"));
    cmd.addAll(
        variant.equals("pigz")
            ? List.of("pigz", "-1", "-p", "2", "-k", "-f")
            : List.of("gzip", "-1", "-k", "-f"));
    files.forEach(f -> cmd.add(f.toString()));
    Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String err = new String(p.getErrorStream().readAllBytes()).trim();
    if (p.waitFor() != 0) {
      throw new IOException(variant + " failed: " + err);
    }
    String[] t = err.substring(err.lastIndexOf('\n') + 1).trim().split(" ");
    return new double[] {
      Double.parseDouble(t[0]), Double.parseDouble(t[1]) + Double.parseDouble(t[2]), 0, 0, 0
    };
  }

  private static double[] median(List<double[]> rows) {
    double[] m = new double[5];
    for (int i = 0; i < m.length; i++) {
      int col = i;
      double[] v = rows.stream().mapToDouble(r -> r[col]).sorted().toArray();
      m[i] = v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
    return m;
  }

  private static long gcCount() {
    long n = 0;
    for (var gc : ManagementFactory.getGarbageCollectorMXBeans()) {
      n += gc.getCollectionCount();
    }
    return n;
  }

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  private static String loadAverage() throws IOException {
    String[] f = Files.readString(Path.of("/proc/loadavg")).split(" ");
    return f[0] + " " + f[1] + " " + f[2];
  }
}
