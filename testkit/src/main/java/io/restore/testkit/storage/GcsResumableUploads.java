package io.restore.testkit.storage;

import static io.restore.testkit.storage.GcsWire.crc32c;
import static io.restore.testkit.storage.GcsWire.encode;
import static io.restore.testkit.storage.GcsWire.error;
import static io.restore.testkit.storage.GcsWire.json;
import static io.restore.testkit.storage.GcsWire.md5;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The JSON API's resumable upload protocol for {@link GcsJsonApiDouble}: sessions started with
 * {@code uploadType=resumable} (and {@code ifGenerationMatch=0}), chunks in order answered 308 with
 * the persisted {@code Range}, status queries ({@code bytes *}{@code /*}), a final chunk whose
 * {@code X-Goog-Hash} must match the whole object, DELETE to cancel (499); and the failures a test
 * can inject.
 */
final class GcsResumableUploads {
  private static final int GRANULE = 256 << 10;

  private final GcsBuckets buckets;
  private final URI endpoint;
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicBoolean corruptNext = new AtomicBoolean();
  private final AtomicLong failNextKeeping = new AtomicLong(-1);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();

  private static final class Session {
    final String bucket;
    final String name;
    final boolean mustNotExist;
    final ByteArrayOutputStream data = new ByteArrayOutputStream();

    Session(String bucket, String name, boolean mustNotExist) {
      this.bucket = bucket;
      this.name = name;
      this.mustNotExist = mustNotExist;
    }
  }

  GcsResumableUploads(GcsBuckets buckets, URI endpoint) {
    this.buckets = buckets;
    this.endpoint = endpoint;
  }

  int pending() {
    return sessions.size();
  }

  long cancelled() {
    return cancelled.get();
  }

  void corruptNextChunk() {
    corruptNext.set(true);
  }

  void failNextChunk(int keepBytes) {
    failNextKeeping.set(keepBytes);
  }

  long failedChunks() {
    return failures.get();
  }

  /** {@code POST /upload/storage/v1/b/BUCKET/o?uploadType=resumable&name=...}. */
  void start(HttpExchange x, List<String> seg, Map<String, String> q) throws IOException {
    x.getRequestBody().readAllBytes();
    String bucket = seg.get(0);
    if (!buckets.exists(bucket)) {
      error(x, 404, "The specified bucket does not exist.");
      return;
    }
    String name = q.get("name");
    if (name == null || name.isEmpty()) {
      error(x, 400, "name is required");
      return;
    }
    boolean mustNotExist = "0".equals(q.get("ifGenerationMatch"));
    if (mustNotExist && buckets.exists(bucket, name)) {
      error(x, 412, "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    String id = UUID.randomUUID().toString();
    sessions.put(id, new Session(bucket, name, mustNotExist));
    x.getResponseHeaders()
        .add(
            "Location",
            endpoint
                + "/upload/storage/v1/b/"
                + bucket
                + "/o?uploadType=resumable&name="
                + encode(name)
                + "&upload_id="
                + id);
    x.sendResponseHeaders(200, -1);
  }

  /** PUT (a chunk, a status query, the final chunk) or DELETE on a session's URI. */
  void session(HttpExchange x, String id) throws IOException {
    byte[] body = x.getRequestBody().readAllBytes();
    Session s = sessions.get(id);
    if (s == null) {
      error(x, 404, "No such upload session.");
      return;
    }
    if (x.getRequestMethod().equals("DELETE")) {
      sessions.remove(id);
      cancelled.incrementAndGet();
      x.sendResponseHeaders(499, -1);
      return;
    }
    if (!x.getRequestMethod().equals("PUT")) {
      error(x, 405, "PUT or DELETE a session");
      return;
    }
    // Content-Range: bytes FROM-TO/TOTAL|*  or  bytes */TOTAL|*
    String range = x.getRequestHeaders().getFirst("Content-Range");
    if (range == null || !range.startsWith("bytes ")) {
      error(x, 400, "Content-Range is required");
      return;
    }
    String[] spanTotal = range.substring(6).split("/");
    String total = spanTotal[1];
    synchronized (s) {
      if (!spanTotal[0].equals("*") && !receive(x, s, spanTotal[0], total, body)) {
        return;
      }
      if (total.equals("*")) {
        if (s.data.size() > 0) {
          x.getResponseHeaders().add("Range", "bytes=0-" + (s.data.size() - 1));
        }
        x.sendResponseHeaders(308, -1);
        return;
      }
      if (Long.parseLong(total) != s.data.size()) {
        error(x, 400, "the final size " + total + " is not what was received");
        return;
      }
      finish(x, id, s);
    }
  }

  /** Appends a chunk; false when it was refused (and answered). */
  private boolean receive(HttpExchange x, Session s, String span, String total, byte[] body)
      throws IOException {
    long from = Long.parseLong(span.split("-")[0]);
    long to = Long.parseLong(span.split("-")[1]);
    if (from != s.data.size() || to - from + 1 != body.length) {
      error(x, 400, "chunk at " + from + " does not follow " + s.data.size());
      return false;
    }
    if (total.equals("*") && body.length % GRANULE != 0) {
      error(x, 400, "a non-final chunk must be a multiple of 256 KiB");
      return false;
    }
    if (corruptNext.compareAndSet(true, false) && body.length > 0) {
      body[body.length / 2] ^= 0x40;
    }
    long keep = body.length > 0 ? failNextKeeping.getAndSet(-1) : -1;
    if (keep >= 0) {
      int kept = (int) Math.min(body.length, keep / GRANULE * GRANULE);
      s.data.write(body, 0, kept);
      failures.incrementAndGet();
      error(x, 503, "Service Unavailable (injected)");
      return false;
    }
    s.data.write(body, 0, body.length);
    return true;
  }

  /** Checks the final chunk's hashes and creates the object; the session ends either way. */
  private void finish(HttpExchange x, String id, Session s) throws IOException {
    byte[] data = s.data.toByteArray();
    String hashes = String.valueOf(x.getRequestHeaders().getFirst("X-Goog-Hash"));
    for (String h : hashes.split(",")) {
      h = h.trim();
      if (h.startsWith("crc32c=") && !h.substring(7).equals(crc32c(data))) {
        sessions.remove(id); // a failed finalize ends the session, nothing is created
        error(
            x,
            400,
            "Provided CRC32C \""
                + h.substring(7)
                + "\" doesn't match calculated \""
                + crc32c(data)
                + "\".");
        return;
      }
      if (h.startsWith("md5=") && !h.substring(4).equals(md5(data))) {
        sessions.remove(id);
        error(x, 400, "Provided MD5 hash doesn't match calculated MD5 hash.");
        return;
      }
    }
    GcsBuckets.Stored st = buckets.create(s.bucket, s.name, data, s.mustNotExist);
    sessions.remove(id);
    if (st == null) {
      error(x, 412, "At least one of the pre-conditions you specified did not hold.");
      return;
    }
    json(x, 200, GcsBuckets.resource(s.bucket, s.name, st));
  }
}
