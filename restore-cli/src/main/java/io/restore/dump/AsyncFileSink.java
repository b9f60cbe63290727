package io.restore.dump;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * One collection's file, written by a thread of its own so that reading the next batch from the
 * server overlaps writing (and compressing) the previous one. At most {@link #DEPTH} chunks wait.
 */
final class AsyncFileSink implements CollectionSink {
  static final int DEPTH = 4;
  private static final Chunk END = new Chunk(new byte[0], 0, 0);

  /** Turns chunks into bytes on the stream: raw BSON copies them, JSON lines converts them. */
  @FunctionalInterface
  interface ChunkEncoder {
    void write(Chunk chunk, OutputStream out) throws IOException;
  }

  private final Handoff<Chunk> handoff = new Handoff<>(DEPTH);
  private final Future<Long> writer;
  private volatile boolean aborted;

  AsyncFileSink(ExecutorService writers, OutputStream out, ChunkEncoder encoder) {
    this.writer = writers.submit(() -> drain(out, encoder));
  }

  private long drain(OutputStream out, ChunkEncoder encoder) throws IOException {
    long written = 0;
    try (out) {
      while (true) {
        Chunk c = handoff.take();
        if (c == END || aborted) {
          break;
        }
        encoder.write(c, out);
        written += c.length();
      }
    } catch (IOException e) {
      handoff.fail(e);
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      InterruptedIOException ie = new InterruptedIOException("writer interrupted");
      handoff.fail(ie);
      throw ie;
    }
    return written;
  }

  @Override
  public void write(Chunk chunk) throws IOException, InterruptedException {
    handoff.put(chunk);
  }

  @Override
  public void complete() throws IOException, InterruptedException {
    handoff.put(END);
    try {
      writer.get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IOException(e.getCause());
    }
  }

  @Override
  public void abort() {
    aborted = true;
    handoff.fail(new IOException("aborted"));
    writer.cancel(true);
  }
}
