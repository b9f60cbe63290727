package io.restore.bench;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Issue 16's reference: {@code io.restore.dump.ParallelGzipOutputStream} as it was at commit
 * 0e3b847 (1 MiB blocks, at most 2 in flight, CRC-32 on the caller thread, a new block array per
 * block), kept verbatim so that old and new run in the same benchmark run.
 *
 * <p>One gzip member (RFC 1952) whose deflate blocks are compressed in parallel, pigz style: input
 * is cut into blocks, each compressed on its own thread with the last 32 KiB of the block before it
 * as a preset dictionary (so matches reach across block boundaries and the ratio is that of one
 * serial stream), and ended with a sync flush (so it ends on a byte boundary), the last one with
 * BFINAL; the CRC-32 and length of all input go in the trailer. Any gzip reader reads it as one
 * ordinary stream: the dictionary is only what a serial inflater already has in its window. At most
 * {@code maxInFlight} blocks are pending, so memory stays bounded.
 */
public final class BaselineParallelGzip extends OutputStream {
  static final int BLOCK = 1 << 20;

  /** Deflate's window: the most a match can reach back, so the most of a dictionary that counts. */
  static final int WINDOW = 32 * 1024;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int maxInFlight;
  private final ArrayDeque<Future<byte[]>> pending = new ArrayDeque<>();
  private final CRC32 crc = new CRC32();
  private byte[] block = new byte[BLOCK];
  private int filled;
  private byte[] previous; // the block submitted last: its tail is the next block's dictionary
  private int previousLength;
  private long total;
  private boolean closed;

  public BaselineParallelGzip(OutputStream out, int level, ExecutorService pool, int maxInFlight)
      throws IOException {
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
    byte[] dict = previous;
    int dictLength = previousLength;
    pending.add(pool.submit(() -> compress(dict, dictLength, data, length, level, last)));
    previous = data;
    previousLength = length;
    block = last ? null : new byte[BLOCK];
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

  static byte[] compress(
      byte[] dict, int dictLength, byte[] data, int length, int level, boolean last) {
    return COMPRESSOR.get().compress(dict, dictLength, data, length, level, last);
  }

  /** A compressor thread's own deflater and buffers, reused block after block. */
  private static final ThreadLocal<Compressor> COMPRESSOR =
      ThreadLocal.withInitial(Compressor::new);

  /**
   * Deflates from and to direct buffers: on heap arrays the JDK's Deflater pins them with a JNI
   * critical section for the whole call, which on JDK 17 holds off every garbage collection, so
   * parallel compressors stalled each other and ran no faster than one (docs/benchmarks.md).
   */
  private static final class Compressor {
    private Deflater deflater;
    private int level = -1;
    private ByteBuffer in = ByteBuffer.allocateDirect(WINDOW + BLOCK);
    private ByteBuffer out = ByteBuffer.allocateDirect(BLOCK + (BLOCK >> 6) + 64);

    byte[] compress(byte[] dict, int dictLength, byte[] data, int length, int lvl, boolean last) {
      if (deflater == null || level != lvl) {
        if (deflater != null) {
          deflater.end();
        }
        deflater = new Deflater(lvl, true);
        level = lvl;
      } else {
        deflater.reset();
      }
      int n = dict == null ? 0 : Math.min(WINDOW, dictLength);
      if (in.capacity() < n + length) {
        in = ByteBuffer.allocateDirect(n + length);
      }
      in.clear();
      if (n > 0) {
        deflater.setDictionary(in.put(dict, dictLength - n, n).flip());
        in.clear().position(n);
      }
      in.put(data, 0, length).flip().position(n);
      deflater.setInput(in);
      if (last) {
        deflater.finish();
      }
      out.clear();
      while (true) {
        if (!out.hasRemaining()) {
          ByteBuffer bigger = ByteBuffer.allocateDirect(out.capacity() * 2);
          out = bigger.put(out.flip());
        }
        int room = out.remaining();
        int got = last ? deflater.deflate(out) : deflater.deflate(out, Deflater.SYNC_FLUSH);
        // a sync flush is complete when deflate leaves room in the buffer (zlib's rule)
        if (last ? deflater.finished() : got < room && deflater.needsInput()) {
          break;
        }
      }
      byte[] result = new byte[out.flip().remaining()];
      out.get(result);
      return result;
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
