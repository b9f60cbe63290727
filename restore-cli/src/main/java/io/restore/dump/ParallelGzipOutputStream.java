package io.restore.dump;

import io.restore.dump.archive.CrcCombine;
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
 * One gzip member (RFC 1952) whose deflate blocks are compressed in parallel, pigz style: input is
 * cut into blocks, each compressed on a pool thread with the last 32 KiB of the input before it as
 * a preset dictionary (so matches reach across block boundaries and the ratio is that of one serial
 * stream), and ended with a sync flush (so it ends on a byte boundary), the last one with BFINAL.
 * Each block's CRC-32 is computed by the thread that compresses it and joined in order ({@link
 * CrcCombine}) for the trailer. Any gzip reader reads it as one ordinary stream: the dictionary is
 * only what a serial inflater already has in its window.
 *
 * <p>Memory is bounded: at most {@code 2 × threads + 1} blocks are pending, and their buffers are
 * reused block after block (no garbage per block). The caller only copies its writes into the
 * current block; compression, checksumming and the copies into native memory are on the pool.
 */
public final class ParallelGzipOutputStream extends OutputStream {
  /**
   * Block size, pigz's. Each block costs a 32 KiB dictionary (deflate hashes all of it) and a sync
   * flush, a few percent more CPU than larger blocks; but on a loaded machine 128 KiB blocks kept
   * pace with pigz where 256 KiB reached 0.67× and the old 1 MiB 0.44× of its throughput
   * (docs/benchmarks.md, "Dump").
   */
  static final int BLOCK = 128 * 1024;

  /** Deflate's window: the most a match can reach back, so the most of a dictionary that counts. */
  static final int WINDOW = 32 * 1024;

  private final OutputStream out;
  private final int level;
  private final ExecutorService pool;
  private final int blockSize;
  private final int maxPending;
  private final ArrayDeque<Future<Block>> pending = new ArrayDeque<>();
  private final ArrayDeque<Block> free = new ArrayDeque<>();
  private Block block; // being filled by the caller
  private long crc; // CRC-32 of the input of every block written out so far
  private long total;
  private boolean closed;

  /**
   * @param threads how many threads of {@code pool} may compress this stream's blocks at once
   */
  public ParallelGzipOutputStream(OutputStream out, int level, ExecutorService pool, int threads)
      throws IOException {
    this(out, level, pool, threads, BLOCK);
  }

  ParallelGzipOutputStream(
      OutputStream out, int level, ExecutorService pool, int threads, int blockSize)
      throws IOException {
    if (blockSize < WINDOW) {
      throw new IllegalArgumentException("block smaller than the window: " + blockSize);
    }
    this.out = out;
    this.level = level;
    this.pool = pool;
    this.blockSize = blockSize;
    // enough that every thread has a block queued behind the one it compresses while the caller
    // fills the next: a thread never waits for the caller (pigz keeps 2 × threads + 3 buffers)
    this.maxPending = 2 * Math.max(1, threads) + 1;
    this.block = new Block(blockSize);
    // magic, CM=deflate, no flags, no mtime, XFL=0, OS=255 (unknown)
    out.write(new byte[] {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff});
  }

  @Override
  public void write(int b) throws IOException {
    write(new byte[] {(byte) b}, 0, 1);
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    total += len;
    while (len > 0) {
      int n = Math.min(len, blockSize - block.length);
      System.arraycopy(b, off, block.data, WINDOW + block.length, n);
      block.length += n;
      off += n;
      len -= n;
      if (block.length == blockSize) {
        submit(false);
      }
    }
  }

  private void submit(boolean last) throws IOException {
    Block full = block;
    full.last = last;
    int lvl = level;
    pending.add(pool.submit(() -> full.compress(lvl)));
    if (last) {
      block = null;
      return;
    }
    while (pending.size() > maxPending) { // never the block just submitted: maxPending >= 3
      writeOldest();
    }
    Block next = free.isEmpty() ? new Block(blockSize) : free.poll();
    // the dictionary: the last 32 KiB before the next block, all in this full block (>= WINDOW);
    // the compressor only reads this block, so copying from it while it compresses is safe
    System.arraycopy(full.data, WINDOW + blockSize - WINDOW, next.data, 0, WINDOW);
    next.dictionary = WINDOW;
    next.length = 0;
    block = next;
  }

  private void writeOldest() throws IOException {
    Block done;
    try {
      done = pending.removeFirst().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while compressing");
    } catch (ExecutionException e) {
      throw new IOException("compression failed", e.getCause());
    }
    out.write(done.result, 0, done.resultLength);
    crc = CrcCombine.CRC32.combine(crc, done.crc, done.length);
    free.add(done);
  }

  /**
   * One block's buffers. {@code data} holds the dictionary in {@code [WINDOW - dictionary, WINDOW)}
   * and the input from {@code WINDOW}; the compressor fills {@code result} and {@code crc}. Handed
   * between the caller and one compressor through the executor and its future, which order the
   * writes before the reads.
   */
  private static final class Block {
    final byte[] data;
    int dictionary;
    int length;
    boolean last;
    byte[] result = new byte[0];
    int resultLength;
    long crc;

    Block(int blockSize) {
      data = new byte[WINDOW + blockSize];
    }

    Block compress(int level) {
      COMPRESSOR.get().compress(this, level);
      return this;
    }
  }

  /** A compressor thread's own deflater, checksum and native buffers, reused block after block. */
  private static final ThreadLocal<Compressor> COMPRESSOR =
      ThreadLocal.withInitial(Compressor::new);

  /**
   * Deflates from and to direct buffers: on heap arrays the JDK's Deflater pins them with a JNI
   * critical section for the whole call, which on JDK 17 holds off every garbage collection, so
   * parallel compressors stalled each other and ran no faster than one (docs/benchmarks.md).
   */
  private static final class Compressor {
    private final CRC32 crc = new CRC32();
    private Deflater deflater;
    private int level = -1;
    private ByteBuffer in = ByteBuffer.allocateDirect(0);
    private ByteBuffer out = ByteBuffer.allocateDirect(0);

    void compress(Block b, int lvl) {
      if (deflater == null || level != lvl) {
        if (deflater != null) {
          deflater.end();
        }
        deflater = new Deflater(lvl, true);
        level = lvl;
      } else {
        deflater.reset();
      }
      int n = b.dictionary + b.length;
      if (in.capacity() < n) {
        in = ByteBuffer.allocateDirect(n);
      }
      int bound = b.length + (b.length >> 6) + 64; // > deflate's worst case plus a sync flush
      if (out.capacity() < bound) {
        out = ByteBuffer.allocateDirect(bound);
      }
      in.clear();
      in.put(b.data, WINDOW - b.dictionary, n).flip();
      if (b.dictionary > 0) {
        deflater.setDictionary(in.slice(0, b.dictionary));
      }
      ByteBuffer input = in.slice(b.dictionary, b.length);
      crc.reset();
      crc.update(input.duplicate()); // intrinsic on a direct buffer, like on an array
      deflater.setInput(input);
      if (b.last) {
        deflater.finish();
      }
      out.clear();
      while (true) {
        if (!out.hasRemaining()) {
          ByteBuffer bigger = ByteBuffer.allocateDirect(out.capacity() * 2);
          out = bigger.put(out.flip());
        }
        int room = out.remaining();
        int got = b.last ? deflater.deflate(out) : deflater.deflate(out, Deflater.SYNC_FLUSH);
        // a sync flush is complete when deflate leaves room in the buffer (zlib's rule)
        if (b.last ? deflater.finished() : got < room && deflater.needsInput()) {
          break;
        }
      }
      out.flip();
      if (b.result.length < out.remaining()) {
        b.result = new byte[out.capacity()];
      }
      b.resultLength = out.remaining();
      out.get(b.result, 0, b.resultLength);
      b.crc = crc.getValue();
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
      long c = crc;
      out.write(
          new byte[] {
            (byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24),
            (byte) total, (byte) (total >>> 8), (byte) (total >>> 16), (byte) (total >>> 24)
          });
    } finally {
      pending.forEach(f -> f.cancel(true));
      free.clear();
      out.close();
    }
  }
}
