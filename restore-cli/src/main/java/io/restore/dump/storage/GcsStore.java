package io.restore.dump.storage;

import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * A Cloud Storage resumable upload (JSON API). A session is opened by {@link #begin} (with {@code
 * ifGenerationMatch=0} unless overwriting, so a concurrent writer makes the finalize fail instead
 * of being replaced); parts are sent in order as non-final chunks as they come, except the last
 * one, which is held back, so the object can only be finalized by {@link #commit}, which sends that
 * last chunk with the total size and the whole object's CRC32C in {@code X-Goog-Hash}: the service
 * compares it with what it stored and refuses to create the object if they differ. {@link #abort}
 * cancels the session (DELETE on its URI), so nothing appears at the name and nothing is left
 * pending.
 *
 * <p>The {@code google-cloud-storage} library finalizes its resumable uploads when its channel
 * closes and has no way to cancel a session, so the session is driven here over HTTP with the
 * library's credentials; metadata, listing and deletion use the library itself.
 *
 * <p>A resumable session takes chunks strictly in order: parts are handed over by several threads
 * ({@link PartedUpload} bounds how many are buffered), and each waits for its turn.
 */
final class GcsStore implements PartStore {
  /** Non-final chunks must be a multiple of this (JSON API). */
  static final int CHUNK_GRANULE = 256 << 10;

  private final GcsClient client;
  private final Destination.GcsObject target;
  private final Object turn = new Object();
  private final CRC32C crc = new CRC32C(); // of the chunks sent, in order
  private int next = 1;
  private boolean broken;
  private PartStore.Part held;
  private long sent;
  private URI session;
  private final boolean ownsClient;

  GcsStore(GcsClient client, Destination.GcsObject target) {
    this(client, target, true);
  }

  /** With {@code ownsClient} false the client is shared (a directory's objects) and kept open. */
  GcsStore(GcsClient client, Destination.GcsObject target, boolean ownsClient) {
    this.client = client;
    this.target = target;
    this.ownsClient = ownsClient;
  }

  /** Part sizes a resumable session accepts for every chunk but the last. */
  static void checkPartSize(int partSize) {
    if (partSize % CHUNK_GRANULE != 0) {
      throw new IllegalArgumentException("a gs:// part size must be a multiple of 256 KiB");
    }
  }

  @Override
  public void begin(boolean overwrite) throws IOException {
    Blob existing = null;
    try {
      if (!overwrite) {
        existing = client.storage.get(BlobId.of(target.bucket(), target.object()));
      }
    } catch (RuntimeException e) {
      throw GcsErrors.describe(target, "checking for an existing object", e);
    }
    if (existing != null && !overwrite) {
      throw new RestoreException(
          ExitCode.USAGE,
          "output " + target.display() + " already exists",
          "choose another object name, delete it, or pass --overwrite to replace it once the new"
              + " dump has verified");
    }
    String q =
        "/upload/storage/v1/b/"
            + enc(target.bucket())
            + "/o?uploadType=resumable&name="
            + enc(target.object())
            + (overwrite ? "" : "&ifGenerationMatch=0")
            + client.settings.project().map(p -> "&userProject=" + enc(p)).orElse("");
    byte[] body =
        ("{\"contentType\":\"application/octet-stream\"}").getBytes(StandardCharsets.UTF_8);
    HttpResponse<String> r =
        send(
            "starting the upload",
            client
                .request(URI.create(client.settings.root() + q))
                .header("Content-Type", "application/json; charset=UTF-8")
                .header("X-Upload-Content-Type", "application/octet-stream")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)));
    String location = r.headers().firstValue("Location").orElse(null);
    if (r.statusCode() != 200 || location == null) {
      throw GcsErrors.status(target, "starting the upload", r.statusCode(), r.body());
    }
    session = URI.create(location);
  }

  @Override
  public Checksum partChecksum() {
    return Checksum.NONE; // the whole object's CRC-32C goes with the final chunk
  }

  @Override
  public String uploadPart(int number, Part part) throws IOException {
    synchronized (turn) {
      while (next != number && !broken) {
        try {
          turn.wait();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new InterruptedIOException("interrupted while waiting to send part " + number);
        }
      }
      if (broken) {
        throw new IOException("an earlier part failed");
      }
    }
    boolean ok = false;
    try {
      if (part.last()) {
        held = part; // only commit() may send the final chunk
      } else {
        chunk(part, false, number); // the buffer is reused once this returns
      }
      ok = true;
      return Integer.toString(number);
    } finally {
      synchronized (turn) {
        broken |= !ok;
        next++;
        turn.notifyAll();
      }
    }
  }

  /** Sends one chunk at the current offset; the last one finalizes the object. */
  private void chunk(Part p, boolean last, int number) throws IOException {
    long from = sent;
    long to = sent + p.length();
    crc.update(p.data(), 0, p.length());
    String doing = last ? "finalizing the upload" : "uploading part " + number;
    long offset = from; // the first byte the session has not persisted yet
    for (int attempt = 1; ; attempt++) {
      HttpResponse<String> r = null;
      IOException broke = null;
      try {
        r = put(p, from, offset, to, last);
      } catch (IOException e) {
        if (Thread.currentThread().isInterrupted()) {
          throw e; // the dump stopped: no retry
        }
        broke = e; // connection refused or reset, timeout: the chunk may have arrived in part
      }
      if (r != null && !transientStatus(r.statusCode())) {
        accept(r, last, doing, to);
        sent = to;
        return;
      }
      if (attempt >= ATTEMPTS) {
        if (broke != null) {
          throw GcsErrors.unreachable(target, doing, client.settings, broke);
        }
        throw failure(last, GcsErrors.status(target, doing, r.statusCode(), r.body()));
      }
      backOff(attempt, doing);
      offset = persisted(doing);
      if (offset == FINALIZED && last) {
        sent = to; // the final chunk did arrive; only its answer was lost
        return;
      }
      if (offset < from || offset > to) {
        throw new IOException(
            doing
                + " to "
                + target.display()
                + ": after a failed request the session holds "
                + (offset == FINALIZED ? "a finished object" : offset + " bytes")
                + ", not between "
                + from
                + " and "
                + to
                + "; run the dump again");
      }
      if (offset == to && !last) {
        sent = to; // everything arrived; only the answer was lost
        return;
      }
    }
  }

  /** Attempts per chunk: 5xx, 408, 429 and broken connections resume from what was persisted. */
  static final int ATTEMPTS = 4;

  private static final long FINALIZED = -1;

  private static boolean transientStatus(int status) {
    return status == 408 || status == 429 || status >= 500;
  }

  private static IOException failure(boolean last, RestoreException e) {
    if (last) {
      throw e;
    }
    return new IOException(e.getMessage());
  }

  /** PUTs bytes {@code offset..to-1} of the chunk that starts at {@code from}. */
  private HttpResponse<String> put(Part p, long from, long offset, long to, boolean last)
      throws IOException {
    int skip = (int) (offset - from);
    int n = p.length() - skip;
    String total = last ? Long.toString(to) : "*";
    String range = n == 0 ? "bytes */" + total : "bytes " + offset + "-" + (to - 1) + "/" + total;
    HttpRequest.Builder b =
        client
            .request(session)
            .header("Content-Range", range)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(p.data(), skip, n));
    if (last) {
      b.header("X-Goog-Hash", "crc32c=" + crc32c(crc.getValue()));
    }
    return exchange(b);
  }

  /** Checks a chunk's answer: 308 acknowledging every byte, or for the last one 200/201. */
  private void accept(HttpResponse<String> r, boolean last, String doing, long to)
      throws IOException {
    int status = r.statusCode();
    if (last ? (status != 200 && status != 201) : status != 308) {
      throw failure(last, GcsErrors.status(target, doing, status, r.body()));
    }
    if (!last) {
      // the session tells how much it persisted: all of it, or the chunk did not arrive whole
      String persisted = r.headers().firstValue("Range").orElse("none");
      if (!persisted.equals("bytes=0-" + (to - 1))) {
        throw new IOException(
            doing + " to " + target.display() + ": the service kept " + persisted + " of " + to);
      }
    }
  }

  /**
   * Asks the session how much it persisted ({@code Content-Range: bytes *}{@code /*}, answered 308
   * with a {@code Range}, none when nothing), or {@link #FINALIZED} when it already created the
   * object.
   */
  private long persisted(String doing) throws IOException {
    HttpResponse<String> r =
        send(
            doing + " (asking what the service kept)",
            client
                .request(session)
                .header("Content-Range", "bytes */*")
                .PUT(HttpRequest.BodyPublishers.noBody()));
    if (r.statusCode() == 200 || r.statusCode() == 201) {
      return FINALIZED;
    }
    if (r.statusCode() != 308) {
      throw new IOException(GcsErrors.status(target, doing, r.statusCode(), r.body()).getMessage());
    }
    String range = r.headers().firstValue("Range").orElse(null);
    if (range == null) {
      return 0;
    }
    if (!range.matches("bytes=0-[0-9]{1,18}")) {
      throw new IOException(doing + ": the service answered an unreadable Range: " + range);
    }
    return Long.parseLong(range.substring("bytes=0-".length())) + 1;
  }

  private static void backOff(int attempt, String doing) throws IOException {
    try {
      Thread.sleep(200L << (attempt - 1)); // 0.2, 0.4, 0.8 s: a busy service gets a moment
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException(doing + " was interrupted");
    }
  }

  @Override
  public void commit(List<String> parts, String sha256Hex) throws IOException {
    if (broken || held == null) {
      throw new IOException("not every part was sent");
    }
    chunk(held, true, parts.size());
    held = null;
    session = null;
  }

  @Override
  public void abort() {
    URI s = session;
    session = null;
    held = null;
    if (s == null) {
      return;
    }
    try {
      HttpResponse<String> r = send("cancelling the upload", client.request(s).DELETE());
      if (r.statusCode() == 499 || r.statusCode() == 404 || r.statusCode() == 410) {
        return; // cancelled (499), or already gone
      }
      throw GcsErrors.status(target, "cancelling the upload", r.statusCode(), r.body());
    } catch (IOException | RuntimeException e) {
      // the object was never finalized, so nothing is at its name; the session expires in a week
      System.err.println(
          "restore: could not cancel the resumable upload to "
              + target.display()
              + " ("
              + e.getMessage()
              + "); nothing was published and the service drops the session within a week");
    }
  }

  @Override
  public void close() {
    if (ownsClient) {
      client.close();
    }
  }

  private HttpResponse<String> send(String doing, HttpRequest.Builder b) throws IOException {
    try {
      return exchange(b);
    } catch (InterruptedIOException e) {
      throw new InterruptedIOException(doing + " was interrupted");
    } catch (IOException e) {
      throw GcsErrors.unreachable(target, doing, client.settings, e);
    }
  }

  /** One request; a network failure is an IOException the caller may retry. */
  private HttpResponse<String> exchange(HttpRequest.Builder b) throws IOException {
    try {
      return client.http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  static String crc32c(long value) {
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) value).array()); // big-endian
  }

  static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
