package io.restore.dump;

import java.io.IOException;

/**
 * One namespace's sink shared by its readers on several servers: chunks from any of them go to the
 * one writer (a file, or the archive's blocks of that namespace, interleaved as they come; the
 * archive's CRC covers them in the order written), and the namespace is completed when the last
 * reader is done. The first abort aborts it for all.
 */
final class SharedSink implements CollectionSink {
  private final CollectionSink inner;
  private int readers;
  private boolean aborted;

  SharedSink(CollectionSink inner, int readers) {
    this.inner = inner;
    this.readers = readers;
  }

  @Override
  public synchronized void write(Chunk chunk) throws IOException, InterruptedException {
    if (aborted) {
      throw new IOException("another server's reader of this collection failed");
    }
    inner.write(chunk);
  }

  /** One reader is done; the last one completes the namespace. */
  @Override
  public synchronized void complete() throws IOException, InterruptedException {
    if (aborted) {
      throw new IOException("another server's reader of this collection failed");
    }
    if (--readers == 0) {
      inner.complete();
    }
  }

  @Override
  public synchronized void abort() {
    if (!aborted) {
      aborted = true;
      inner.abort();
    }
  }
}
