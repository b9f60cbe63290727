package io.restore.dump;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
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
