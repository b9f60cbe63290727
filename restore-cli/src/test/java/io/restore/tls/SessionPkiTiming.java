package io.restore.tls;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;

/**
 * Not a test: prints how long {@link SessionPki#create} takes per key algorithm (cold first call,
 * then the median of warm calls), and writing the client files. Run with
 * scripts/bench-session-pki.sh. Wall times on a loaded machine mislead; the main thread's CPU time
 * is printed too.
 */
public final class SessionPkiTiming {
  private SessionPkiTiming() {}

  public static void main(String[] args) throws Exception {
    int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 15;
    KeyAlgorithm[] algorithms =
        args.length > 1
            ? new KeyAlgorithm[] {KeyAlgorithm.valueOf(args[1])}
            : KeyAlgorithm.values();
    for (KeyAlgorithm algorithm : algorithms) {
      PkiOptions options = PkiOptions.defaults().withKeyAlgorithm(algorithm);
      ThreadMXBean threads = ManagementFactory.getThreadMXBean();
      long startCpu = threads.getCurrentThreadCpuTime();
      long start = System.nanoTime();
      try (SessionPki pki = SessionPki.create(options)) {
        long cold = System.nanoTime() - start;
        long coldCpu = threads.getCurrentThreadCpuTime() - startCpu;
        long[] warm = new long[rounds];
        long[] warmCpu = new long[rounds];
        for (int i = 0; i < rounds; i++) {
          long c = threads.getCurrentThreadCpuTime();
          long t = System.nanoTime();
          SessionPki.create(options).close();
          warm[i] = System.nanoTime() - t;
          warmCpu[i] = threads.getCurrentThreadCpuTime() - c;
        }
        Arrays.sort(warm);
        Arrays.sort(warmCpu);
        Path dir = Files.createTempDirectory("pki-timing");
        long t = threads.getCurrentThreadCpuTime();
        ClientFiles files = pki.writeClientFiles(dir, Optional.empty());
        long write = threads.getCurrentThreadCpuTime() - t;
        files.delete();
        t = threads.getCurrentThreadCpuTime();
        files = pki.writeClientFiles(dir, Optional.of("secret".toCharArray()));
        long writeEncrypted = threads.getCurrentThreadCpuTime() - t;
        files.delete();
        t = threads.getCurrentThreadCpuTime();
        pki.serverContext();
        long context = threads.getCurrentThreadCpuTime() - t;
        Files.delete(dir);
        System.out.printf(
            "%-12s create: cold %6.1f ms (cpu %6.1f), warm median %6.1f ms (cpu %6.1f, min %6.1f,"
                + " max %6.1f); first write files cpu %5.1f ms, encrypted cpu %6.1f ms; first serverContext cpu %5.1f ms%n",
            algorithm,
            cold / 1e6,
            coldCpu / 1e6,
            warm[rounds / 2] / 1e6,
            warmCpu[rounds / 2] / 1e6,
            warm[0] / 1e6,
            warm[rounds - 1] / 1e6,
            write / 1e6,
            writeEncrypted / 1e6,
            context / 1e6);
      }
    }
  }
}
