package io.restore.source;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.Arrays;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Decompresses on a thread of its own, {@link #DEPTH} chunks ahead of the reader, so that inflating
 * the next megabytes overlaps writing the previous ones (as {@code gzip -d | tar -x} overlaps two
 * processes); without it a write stalled by the page cache stops decompression too. Memory stays
 * bounded at about DEPTH × CHUNK. A failure of the source (its exception, unchanged) reaches the
 * reader in stream order, after the bytes read before it.
 */
final class ReadAhead extends InputStream {
  static final int CHUNK = 1 << 20;
  static final int DEPTH = 8;
  private static final int STEP = 16 << 10;
  private static final byte[] END = new byte[0];

  private final BlockingQueue<byte[]> queue = new ArrayBlockingQueue<>(DEPTH + 1);
  private final Thread thread;
  private volatile Throwable failure;
  private volatile boolean closed;
  private byte[] current;
  private int pos;
  private boolean ended;

  ReadAhead(InputStream in) {
    thread = new Thread(() -> fill(in), "restore-extract-read-ahead");
    thread.setDaemon(true);
    thread.start();
  }

  private void fill(InputStream in) {
    try {
      boolean more = true;
      while (more && !closed) {
        byte[] buf = new byte[CHUNK];
        int n = 0;
        try {
          while (n < CHUNK) {
            // small reads: a decompressor that fails mid-call drops that call's output
            int r = in.read(buf, n, Math.min(STEP, CHUNK - n));
            if (r < 0) {
              more = false;
              break;
            }
            n += r;
          }
        } catch (IOException | RuntimeException | Error e) {
          failure = e; // after the bytes read before it, so that errors name the right entry
          more = false;
        }
        if (n > 0) {
          queue.put(n == CHUNK ? buf : Arrays.copyOf(buf, n));
        }
      }
      queue.put(END);
    } catch (InterruptedException e) {
      // closed by the reader: nobody waits for more
    }
  }

  @Override
  public int read() throws IOException {
    byte[] one = new byte[1];
    int n = read(one, 0, 1);
    return n < 0 ? -1 : one[0] & 0xff;
  }

  @Override
  public int read(byte[] b, int off, int len) throws IOException {
    if (len == 0) {
      return 0;
    }
    while (current == null || pos == current.length) {
      if (ended) {
        return -1;
      }
      try {
        current = queue.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while extracting");
      }
      pos = 0;
      if (current == END) {
        ended = true;
        rethrow();
        return -1;
      }
    }
    int n = Math.min(len, current.length - pos);
    System.arraycopy(current, pos, b, off, n);
    pos += n;
    return n;
  }

  private void rethrow() throws IOException {
    Throwable t = failure;
    if (t instanceof IOException io) {
      throw io;
    }
    if (t instanceof RuntimeException re) {
      throw re;
    }
    if (t instanceof Error err) {
      throw err;
    }
  }

  /** Stops the read-ahead; the source itself is closed by its owner. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
  }
}
