package io.restore.dump.storage;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;

/**
 * Turns a byte stream into parts of {@code partSize} uploaded by a {@link PartStore} while the
 * stream goes on, with at most {@code inFlight} parts being sent: exactly {@code inFlight + 1} part
 * buffers exist, allocated once and reused, so memory stays at {@code (inFlight + 1) * partSize}
 * whatever the object's size, and the writer waits (back-pressure) when the store is slower than
 * the dump. Reusing the buffers also matters to the heap: a part is a humongous object for G1, and
 * allocating a fresh one per part fragmented a 256 MiB heap into an OutOfMemoryError (JDK 17's full
 * GC does not move humongous objects).
 */
final class PartedUpload implements ObjectUpload {
  private final PartStore store;
  private final int partSize;
  private final PartStore.Checksum checksum;
  private final BlockingQueue<byte[]> free;
  private final int buffers;
  private int allocated;
  private final ExecutorService senders;
  private final List<Future<String>> parts = new ArrayList<>();
  private final MessageDigest whole = sha256();
  private final long started = System.nanoTime();
  private final Stream stream = new Stream();
  private volatile IOException failure;
  private long bytes;
  private String sha256Hex;
  private List<String> sent;
  private boolean committed;
  private boolean aborted;

  private PartedUpload(PartStore store, int partSize, int inFlight) {
    this.store = store;
    this.partSize = partSize;
    this.checksum = store.partChecksum();
    this.buffers = inFlight + 1;
    this.free = new ArrayBlockingQueue<>(buffers);
    AtomicInteger n = new AtomicInteger();
    this.senders =
        Executors.newFixedThreadPool(
            inFlight,
            r -> {
              Thread t = new Thread(r, "upload-part-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts an upload: refuses an existing object unless {@code overwrite}. */
  static PartedUpload start(PartStore store, boolean overwrite, int partSize, int inFlight)
      throws IOException {
    if (partSize <= 0 || inFlight <= 0) {
      throw new IllegalArgumentException("partSize and inFlight must be positive");
    }
    try {
      store.begin(overwrite);
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return new PartedUpload(store, partSize, inFlight);
  }

  @Override
  public OutputStream stream() {
    return stream;
  }

  @Override
  public void commit() throws IOException {
    if (sent == null) {
      throw new IllegalStateException("commit before the stream was closed");
    }
    store.commit(sent, sha256Hex);
    committed = true;
  }

  @Override
  public Stats stats() {
    return new Stats(bytes, sha256Hex, parts.size(), (System.nanoTime() - started) / 1_000_000);
  }

  @Override
  public void close() {
    senders.shutdownNow();
    if (!committed && !aborted) {
      aborted = true;
      store.abort();
    }
    store.close();
  }

  /**
   * A free part buffer: a new one until {@code inFlight + 1} exist, then one a sender gave back.
   */
  private byte[] buffer() throws IOException {
    byte[] b = free.poll();
    if (b == null && allocated < buffers) {
      allocated++;
      return new byte[partSize];
    }
    try {
      return b != null ? b : free.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for an upload slot");
    }
  }

  private void submit(byte[] buf, int len, boolean last) {
    int number = parts.size() + 1;
    parts.add(
        senders.submit(
            () -> {
              boolean reuse = !last; // the last part stays with the store until commit/abort
              try {
                return store.uploadPart(
                    number, new PartStore.Part(buf, len, checksum(buf, len), last));
              } catch (IOException | RuntimeException e) {
                fail(e instanceof IOException io ? io : new IOException(e.getMessage(), e));
                throw e;
              } catch (Error e) {
                fail(new IOException("uploading part " + number + " stopped: " + e, e));
                throw e;
              } finally {
                if (reuse) {
                  free.add(buf);
                }
              }
            }));
  }

  private void fail(IOException e) {
    if (failure == null) {
      failure = e;
    }
  }

  private byte[] checksum(byte[] buf, int len) {
    return switch (checksum) {
      case NONE -> new byte[0];
      case MD5 -> {
        try {
          MessageDigest md5 = MessageDigest.getInstance("MD5");
          md5.update(buf, 0, len);
          yield md5.digest();
        } catch (NoSuchAlgorithmException e) {
          throw new IllegalStateException("every Java has MD5", e);
        }
      }
      case CRC32C -> {
        CRC32C crc = new CRC32C();
        crc.update(buf, 0, len);
        yield ByteBuffer.allocate(4).putInt((int) crc.getValue()).array(); // big-endian
      }
    };
  }

  private void checkFailure() throws IOException {
    IOException f = failure;
    if (f != null) {
      throw new IOException("uploading a part failed: " + f.getMessage(), f);
    }
  }

  private List<String> awaitParts() throws IOException {
    List<String> ids = new ArrayList<>(parts.size());
    for (Future<String> f : parts) {
      try {
        ids.add(f.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted while the last parts were uploading");
      } catch (ExecutionException e) {
        Throwable c = e.getCause();
        throw c instanceof IOException io
            ? new IOException("uploading a part failed: " + io.getMessage(), io)
            : new IOException("uploading a part failed: " + c, c);
      }
    }
    return ids;
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }

  /**
   * The writer's side: fills one buffer at a time. A full buffer is handed over only when more
   * bytes arrive (or, as the last part, when the stream closes), so every part knows whether it is
   * the last: Cloud Storage must send that one as its finalizing chunk.
   */
  private final class Stream extends OutputStream {
    private byte[] buf;
    private int len;
    private boolean closed;

    @Override
    public void write(int b) throws IOException {
      write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b, int off, int n) throws IOException {
      if (closed) {
        throw new IOException("the upload stream is closed");
      }
      checkFailure();
      whole.update(b, off, n);
      bytes += n;
      while (n > 0) {
        if (buf != null && len == partSize) {
          submit(buf, len, false);
          buf = null;
        }
        if (buf == null) {
          buf = buffer();
          len = 0;
          checkFailure();
        }
        int k = Math.min(n, partSize - len);
        System.arraycopy(b, off, buf, len, k);
        len += k;
        off += k;
        n -= k;
      }
    }

    /** Sends what is left as the last part and waits for every part; publishes nothing. */
    @Override
    public void close() throws IOException {
      if (closed) {
        return;
      }
      closed = true;
      // an empty object is still one (empty) part
      submit(buf == null ? new byte[0] : buf, buf == null ? 0 : len, true);
      buf = null;
      sent = awaitParts();
      sha256Hex = HexFormat.of().formatHex(whole.digest());
    }
  }
}
