package io.restore.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;

/**
 * The read-back of an archive that cannot be re-read before it is published (an object-store
 * upload: parts are not readable until committed): every byte handed to the upload is also kept, in
 * a small bounded queue, for the checker thread reading {@link #input()}. The check sees exactly
 * the bytes uploaded (after gzip); the store's per-part checksums prove they arrived unchanged. The
 * writer waits when the checker is {@code limit} bytes behind, so memory stays bounded.
 */
final class TeeReadBack {
  private final ArrayDeque<byte[]> queue = new ArrayDeque<>();
  private final long limit;
  private long queued;
  private boolean ended;
  private IOException abandoned;

  TeeReadBack(long limit) {
    this.limit = limit;
  }

  /** The writer's side: writes go to {@code upload} and to the queue; closing ends the input. */
  OutputStream track(OutputStream upload) {
    return new FilterOutputStream(upload) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        if (len > 0) {
          offer(Arrays.copyOfRange(b, off, off + len));
        }
      }

      @Override
      public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void close() throws IOException {
        try {
          out.close();
        } finally {
          end();
        }
      }
    };
  }

  /** Stops both sides: the reader fails with {@code why} and the writer no longer waits. */
  synchronized void abandon(IOException why) {
    if (abandoned == null) {
      abandoned = why;
      queue.clear();
      notifyAll();
    }
  }

  private synchronized void offer(byte[] chunk) throws IOException {
    while (queued >= limit && abandoned == null) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the archive was being checked");
      }
    }
    if (abandoned == null) { // the check stopped: the dump fails at finish(), not here
      queue.add(chunk);
      queued += chunk.length;
      notifyAll();
    }
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** The next chunk for the reader; null at the end. */
  private synchronized byte[] take() throws IOException {
    while (true) {
      if (abandoned != null) {
        throw new IOException("reading back stopped: " + abandoned.getMessage(), abandoned);
      }
      byte[] c = queue.poll();
      if (c != null) {
        queued -= c.length;
        notifyAll();
        return c;
      }
      if (ended) {
        return null;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the archive back");
      }
    }
  }

  /** The bytes as uploaded, to their end; for one reader thread. */
  InputStream input() {
    return new InputStream() {
      private byte[] current = new byte[0];
      private int pos;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        while (pos == current.length) {
          byte[] next = take();
          if (next == null) {
            return -1;
          }
          current = next;
          pos = 0;
        }
        int n = Math.min(len, current.length - pos);
        System.arraycopy(current, pos, b, off, n);
        pos += n;
        return n;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }
    };
  }
}
