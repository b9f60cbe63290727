package io.restore.bench;

import io.restore.dump.archive.Crc64;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.zip.CRC32C;
import org.tukaani.xz.check.CRC64;

/**
 * scripts/bench-dump-micro: the CRC-64s of {@link Crc64Benchmark}, timed by this thread's CPU time
 * rather than the wall clock, and interleaved — ROUNDS rounds, each running every implementation
 * over 64 MiB in calls of SIZE bytes (default 1 MiB) — so that a machine loaded by other jobs
 * (which steals wall time, not this thread's CPU time) disturbs them alike. Prints the median MB
 * per CPU-second and the ratio to XZ for Java's CRC64. Usage: {@code Crc64Compare [ROUNDS] [SIZE]}.
 */
public final class Crc64Compare {
  private Crc64Compare() {}

  public static void main(String[] args) {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    int size = args.length > 1 ? Integer.parseInt(args[1]) : 1 << 20;
    int calls = (64 << 20) / size; // 64 MiB per implementation and round
    byte[] data = new byte[size];
    new Random(16).nextBytes(data);
    Map<String, ToLongFunction<byte[]>> impls = new LinkedHashMap<>();
    impls.put("xz CRC64 (reference)", Crc64Compare::xz);
    impls.put("Crc64 (new)", b -> new Crc64().update(b, 0, b.length).value());
    impls.put("BaselineCrc64 (before)", b -> new BaselineCrc64().update(b, 0, b.length).value());
    impls.put("JDK CRC32C", Crc64Compare::crc32c);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    Map<String, List<Double>> mbPerCpuSecond = new LinkedHashMap<>();
    long sink = 0;
    for (int round = -3; round < rounds; round++) { // 3 warm-up rounds
      for (var e : impls.entrySet()) {
        long t0 = threads.getCurrentThreadCpuTime();
        for (int i = 0; i < calls; i++) {
          sink += e.getValue().applyAsLong(data);
        }
        double secs = (threads.getCurrentThreadCpuTime() - t0) / 1e9;
        if (round >= 0) {
          mbPerCpuSecond
              .computeIfAbsent(e.getKey(), k -> new ArrayList<>())
              .add((double) calls * size / 1e6 / secs);
        }
      }
    }
    double reference = median(mbPerCpuSecond.values().iterator().next());
    System.out.printf(
        Locale.ROOT, "%d-byte buffers, median of %d rounds (sink %d)%n%n", size, rounds, sink);
    System.out.println("| implementation | MB per CPU-s | × xz |");
    System.out.println("| --- | ---: | ---: |");
    mbPerCpuSecond.forEach(
        (k, v) ->
            System.out.printf(
                Locale.ROOT, "| %s | %.0f | %.2f |%n", k, median(v), median(v) / reference));
  }

  private static long xz(byte[] b) {
    CRC64 c = new CRC64();
    c.update(b, 0, b.length);
    return c.finish()[0];
  }

  private static long crc32c(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b, 0, b.length);
    return c.getValue();
  }

  private static double median(List<Double> v) {
    double[] s = v.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }
}
