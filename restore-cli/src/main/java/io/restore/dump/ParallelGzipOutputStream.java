package io.restore.dump;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * One gzip member (RFC 1952) whose deflate blocks are compressed in parallel, pigz style: input is
 * cut into blocks, each compressed independently and ended with a sync flush (so it ends on a byte
 * boundary), the last one with BFINAL; the CRC-32 and length of all input go in the trailer. Any
 * gzip reader reads it as one ordinary stream. At most {@code maxInFlight} blocks are pending, so
 * memory stays bounded.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  static final int BLOCK = 1 << 20;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int maxInFlight;
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK];
  private int filled;
  private long total;
  private boolean closed;

  public ParallelGzipOutputStream(
      OutputStream out, int level, ExecutorService pool, int maxInFlight) throws IOException {
    this.out = out;
    this.level = level;
    this.pool = pool;
    this.maxInFlight = Math.max(1, maxInFlight);
    // magic, CM=deflate, no flags, no mtime, XFL=0, OS=255 (unknown)
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    crc.update(b, off, len);
    total += len;
    while (len > 0) {
      int n = Math.min(len, BLOCK - filled);
      System.arraycopy(b, off, block, filled, n);
      filled += n;
      off += n;
      len -= n;
      if (filled == BLOCK) {
        submit(false);
      }
    }
  }

  private void submit(boolean last) throws IOException {
    byte[] data = block;
    int length = filled;
    pending.add(pool.submit(() -> compress(data, length, level, last)));
    block = new byte[BLOCK];
    filled = 0;
    while (pending.size() > maxInFlight) {
      writeOldest();
    }
  }

  private void writeOldest() throws IOException {
    try {
      out.write(pending.removeFirst().get());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compression failed", e.getCause());
    }
  }

  private static byte[] compress(byte[] data, int length, int level, boolean last) {
    Deflater d = new Deflater(level, true);
    try {
      d.setInput(data, 0, length);
      if (last) {
        d.finish();
      }
      ByteArrayOutputStream o = new ByteArrayOutputStream(length / 2 + 64);
      byte[] buf = new byte[64 * 1024];
      while (true) {
        int n = last ? d.deflate(buf) : d.deflate(buf, 0, buf.length, Deflater.SYNC_FLUSH);
        o.write(buf, 0, n);
        if (last ? d.finished() : n < buf.length && d.needsInput()) {
          break;
        }
      }
      return o.toByteArray();
    } finally {
      d.end();
    }
  }

  @Override
  public void flush() throws IOException {
    out.flush();
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try {
      submit(true);
      while (!pending.isEmpty()) {
        writeOldest();
      }
      long c = crc.getValue();
      out.write(
          new byte[] {
            (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
            (byte) total, (byte) (total >>> 8), (byte) (total >>> 16), (byte) (total >>> 24)
          });
    } finally {
      pending.forEach(f -> f.cancel(true));
      out.close();
    }
  }
}
