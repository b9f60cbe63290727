package io.restore.dump;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads a file back while it is being written, so that checking what reached the disk overlaps the
 * dump instead of following it. The writer's stream is wrapped by {@link #track}: every write that
 * returned is published, and {@link #input()} reads the file (through the kernel, not our buffers)
 * up to what was published, waiting for more until the writer closes its stream.
 */
final class ReadBack {
  private final Path file;
  private long published;
  private boolean ended;
  private IOException abandoned;

  ReadBack(Path file) {
    this.file = file;
  }

  /** The writer's side: {@code fileStream} writes {@link #file}; closing it ends the input. */
  OutputStream track(OutputStream fileStream) {
    return new FilterOutputStream(fileStream) {
      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out.write(b, off, len);
        publish(len);
      }

      @Override
      public void write(int b) throws IOException {
        out.write(b);
        publish(1);
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

  /** Stops the reader: it fails with {@code why} instead of waiting for more. */
  synchronized void abandon(IOException why) {
    if (!ended) {
      abandoned = why;
      ended = true;
      notifyAll();
    }
  }

  private synchronized void publish(int n) {
    published += n;
    notifyAll();
  }

  private synchronized void end() {
    ended = true;
    notifyAll();
  }

  /** How many bytes may be read at {@code position}: 0 at the end; waits while there are none. */
  private synchronized long readable(long position) throws IOException {
    while (true) {
      if (abandoned != null) {
        throw new IOException("reading back stopped: " + abandoned.getMessage(), abandoned);
      }
      if (position < published) {
        return published - position;
      }
      if (ended) {
        return 0;
      }
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while reading the archive back");
      }
    }
  }

  /** The file as written so far, then to its end; for one reader thread. */
  InputStream input() throws IOException {
    FileChannel ch = FileChannel.open(file, StandardOpenOption.READ);
    return new InputStream() {
      private long position;

      @Override
      public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) {
          return 0;
        }
        long n = readable(position);
        if (n == 0) {
          return -1;
        }
        int got = ch.read(ByteBuffer.wrap(b, off, (int) Math.min(len, n)), position);
        if (got < 0) {
          throw new IOException(file + " is shorter than what was written to it");
        }
        position += got;
        return got;
      }

      @Override
      public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
      }

      @Override
      public void close() throws IOException {
        ch.close();
      }
    };
  }
}
