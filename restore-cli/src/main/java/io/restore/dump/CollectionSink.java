package io.restore.dump;

import java.io.IOException;

/** Where one collection's documents go. Called from that collection's reader thread only. */
interface CollectionSink {
  /** Hands over a chunk; blocks while the writer is behind (this bounds memory). */
  void write(Chunk chunk) throws IOException, InterruptedException;

  /** Every document was handed over: finish writing and report any write error. */
  void complete() throws IOException, InterruptedException;

  /** The collection failed or was cancelled: stop as soon as possible, never throw. */
  void abort();
}
