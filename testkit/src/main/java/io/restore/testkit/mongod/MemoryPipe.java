package io.restore.testkit.mongod;

import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * An in-memory pipe for {@link StandInProcess}: any thread may write (the stand-in logs from
 * netty's and the signal thread as well as its own), one reader reads; {@link #close()} is the end
 * of the stream and makes later writes vanish, as they would into a dead process's closed pipe.
 * (java.io's PipedInputStream fails once the last writing thread has died, which here is normal.)
 */
final class MemoryPipe {
  private byte[] buffer = new byte[8192];
  private int start;
  private int end;
  private boolean closed;

  final OutputStream writer =
      new OutputStream() {
        @Override
        public void write(int b) {
          write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          append(b, off, len);
        }

        @Override
        public void close() {
          MemoryPipe.this.close();
        }
      };

  final InputStream reader =
      new InputStream() {
        @Override
        public int read() {
          byte[] one = new byte[1];
          return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
          return take(b, off, len);
        }

        @Override
        public synchronized int available() {
          return MemoryPipe.this.available();
        }
      };

  private synchronized void append(byte[] b, int off, int len) {
    if (closed) {
      return;
    }
    if (end + len > buffer.length) {
      int live = end - start;
      byte[] next =
          live + len > buffer.length ? new byte[Math.max(buffer.length * 2, live + len)] : buffer;
      System.arraycopy(buffer, start, next, 0, live);
      buffer = next;
      start = 0;
      end = live;
    }
    System.arraycopy(b, off, buffer, end, len);
    end += len;
    notifyAll();
  }

  private synchronized int take(byte[] b, int off, int len) {
    if (len == 0) {
      return 0;
    }
    while (start == end && !closed) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return -1;
      }
    }
    if (start == end) {
      return -1;
    }
    int n = Math.min(len, end - start);
    System.arraycopy(buffer, start, b, off, n);
    start += n;
    if (start == end) {
      start = 0;
      end = 0;
    }
    return n;
  }

  private synchronized int available() {
    return end - start;
  }

  synchronized void close() {
    closed = true;
    notifyAll();
  }

  @Override
  public String toString() {
    return "MemoryPipe" + Arrays.asList(start, end, closed);
  }
}
