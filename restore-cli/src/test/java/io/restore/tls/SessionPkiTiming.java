package io.restore.tls;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Not a test: prints how long {@link SessionPki#create} takes per key algorithm (cold first call,
 * then the median of warm calls), and writing the client files. Run with
 * scripts/bench-session-pki.sh; results go to docs/benchmarks.md.
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
      long start = System.nanoTime();
      try (SessionPki pki = SessionPki.create(options)) {
        long cold = System.nanoTime() - start;
        long[] warm = new long[rounds];
        for (int i = 0; i < rounds; i++) {
          long t = System.nanoTime();
          SessionPki.create(options).close();
          warm[i] = System.nanoTime() - t;
        }
        java.util.Arrays.sort(warm);
        Path dir = Files.createTempDirectory("pki-timing");
        long t = System.nanoTime();
        ClientFiles files = pki.writeClientFiles(dir, Optional.empty());
        long write = System.nanoTime() - t;
        files.delete();
        t = System.nanoTime();
        files = pki.writeClientFiles(dir, Optional.of("secret".toCharArray()));
        long writeEncrypted = System.nanoTime() - t;
        files.delete();
        t = System.nanoTime();
        pki.serverContext();
        long context = System.nanoTime() - t;
        Files.delete(dir);
        System.out.printf(
            "%-12s create: cold %6.1f ms, warm median %6.1f ms (min %6.1f, max %6.1f);"
                + " write files %5.1f ms, encrypted %6.1f ms; serverContext %5.1f ms%n",
            algorithm,
            cold / 1e6,
            warm[rounds / 2] / 1e6,
            warm[0] / 1e6,
            warm[rounds - 1] / 1e6,
            write / 1e6,
            writeEncrypted / 1e6,
            context / 1e6);
      }
    }
  }
}
