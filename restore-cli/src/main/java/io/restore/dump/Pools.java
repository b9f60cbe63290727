package io.restore.dump;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads of one dump: file writers (one per running collection) and gzip compressors. */
record Pools(ExecutorService writers, ExecutorService compressors, int compressorThreads)
    implements AutoCloseable {

  static Pools create() {
    int cores = Math.max(1, Runtime.getRuntime().availableProcessors());
    return new Pools(
        Executors.newCachedThreadPool(daemon("dump-writer")),
        Executors.newFixedThreadPool(cores, daemon("dump-gzip")),
        cores);
  }

  /**
   * Readers stop within this once cancelled (their client is closed, their threads interrupted).
   */
  private static final Duration READERS_GONE = Duration.ofSeconds(5);

  /** {@code threads} collection readers (a dump's, one server's or several). */
  static ExecutorService readers(int threads) {
    return Executors.newFixedThreadPool(threads, daemon("dump-reader"));
  }

  /**
   * Interrupts the readers and waits for them. The partial output is removed next, so no reader may
   * still be writing into it: false when one was still running after {@link #READERS_GONE} (the
   * dump must then count as cancelled).
   */
  static boolean stopReaders(ExecutorService readers) throws InterruptedException {
    readers.shutdownNow();
    return readers.awaitTermination(READERS_GONE.toMillis(), TimeUnit.MILLISECONDS);
  }

  static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public void close() {
    writers.shutdownNow();
    compressors.shutdownNow();
  }
}
