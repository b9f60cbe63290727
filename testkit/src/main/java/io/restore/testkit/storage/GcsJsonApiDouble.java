package io.restore.testkit.storage;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.restore.testkit.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A test double of the Cloud Storage JSON API, on a loopback port: no Google emulator can be
 * installed here, so this implements just what the real {@code google-cloud-storage} client and
 * restore's resumable uploads use. Resumable upload sessions (start with {@code
 * ifGenerationMatch=0}, in-order chunks answered 308 with the persisted {@code Range}, a final
 * chunk whose {@code X-Goog-Hash} crc32c/md5 must match the whole object or the object is not
 * created, DELETE cancels with 499), and object get, list, download ({@code alt=media}) and delete.
 * Anything else answers 501, so a client relying on more shows up in the test.
 *
 * <p>Failure injection: {@link #corruptNextChunk()} flips a byte of the next chunk as it is stored,
 * as a damaged link would, so the final checksum check must refuse the object; {@link
 * #failNextChunk(int)} keeps only the start of the next chunk and answers 503, as a service
 * dropping a request half-way would, so the client must ask what was persisted and resume.
 */
public final class GcsJsonApiDouble implements AutoCloseable {
  private final HttpServer server;
  private final URI endpoint;
  private final Set<String> buckets = ConcurrentHashMap.newKeySet();
  private final Map<String, Map<String, Stored>> objects = new ConcurrentHashMap<>();
  private final Map<String, Session> sessions = new ConcurrentHashMap<>();
  private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
  private final AtomicBoolean corruptNext = new AtomicBoolean();
  private final AtomicLong failNextKeeping = new AtomicLong(-1);
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong cancelled = new AtomicLong();

  private record Stored(byte[] data, long generation, Instant updated) {}

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

  private GcsJsonApiDouble(HttpServer server) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Starts on a free 127.0.0.1 port. */
  public static GcsJsonApiDouble start() throws IOException {
    HttpServer s =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    GcsJsonApiDouble d = new GcsJsonApiDouble(s);
    s.createContext("/", d::handle);
    s.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "gcs-double");
              t.setDaemon(true);
              return t;
            }));
    s.start();
    return d;
  }

  /** The JSON API root, for {@code --gcs-endpoint} / {@code StorageOptions.setHost}. */
  public URI endpoint() {
    return endpoint;
  }

  public void createBucket(String bucket) {
    buckets.add(bucket);
    objects.putIfAbsent(bucket, new ConcurrentHashMap<>());
  }

  /** Puts an object directly (as another writer would). */
  public void put(String bucket, String name, byte[] data) {
    objects
        .get(bucket)
        .put(name, new Stored(data.clone(), generations.incrementAndGet(), Instant.now()));
  }

  /** Upload sessions started but neither finalized nor cancelled. */
  public int pendingSessions() {
    return sessions.size();
  }

  /** Sessions cancelled with DELETE so far. */
  public long cancelledSessions() {
    return cancelled.get();
  }

  /** The names in {@code bucket}, sorted. */
  public List<String> names(String bucket) {
    return new ArrayList<>(new TreeMap<>(objects.get(bucket)).keySet());
  }

  /** Flips one byte of the next chunk received, after the client computed its checksums. */
  public void corruptNextChunk() {
    corruptNext.set(true);
  }

  /**
   * The next non-empty chunk: keeps its first {@code keepBytes} (rounded down to 256 KiB, as the
   * service persists whole units) and answers 503.
   */
  public void failNextChunk(int keepBytes) {
    failNextKeeping.set(keepBytes);
  }

  /** How many chunks {@link #failNextChunk} failed. */
  public long failedChunks() {
    return failures.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      String path = x.getRequestURI().getRawPath();
      Map<String, String> q = query(x.getRequestURI().getRawQuery());
      String method = x.getRequestMethod();
      if (path.startsWith("/upload/storage/v1/b/") && q.containsKey("upload_id")) {
        session(x, q.get("upload_id"));
      } else if (path.startsWith("/upload/storage/v1/b/")
          && method.equals("POST")
          && "resumable".equals(q.get("uploadType"))) {
        startSession(x, segments(path, "/upload/storage/v1/b/"), q);
      } else if (path.startsWith("/storage/v1/b/") || path.startsWith("/download/storage/v1/b/")) {
        object(
            x,
            segments(path, path.startsWith("/d") ? "/download/storage/v1/b/" : "/storage/v1/b/"),
            q);
      } else {
        error(x, 501, "the double does not implement " + method + " " + path);
      }
    } catch (RuntimeException e) {
      error(x, 500, String.valueOf(e));
    }
  }

  /** {@code bucket/o[/object]} after {@code prefix}, decoded. */
  private static List<String> segments(String path, String prefix) {
    List<String> out = new ArrayList<>();
    for (String s : path.substring(prefix.length()).split("/", 3)) {
      out.add(decode(s));
    }
    return out;
  }

  private void startSession(HttpExchange x, List<String> seg, Map<String, String> q)
      throws IOException {
    x.getRequestBody().readAllBytes();
    String bucket = seg.get(0);
    if (!buckets.contains(bucket)) {
      error(x, 404, "The specified bucket does not exist.");
      return;
    }
    String name = q.get("name");
    if (name == null || name.isEmpty()) {
      error(x, 400, "name is required");
      return;
    }
    boolean mustNotExist = "0".equals(q.get("ifGenerationMatch"));
    if (mustNotExist && objects.get(bucket).containsKey(name)) {
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

  private void session(HttpExchange x, String id) throws IOException {
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
      if (!spanTotal[0].equals("*")) {
        long from = Long.parseLong(spanTotal[0].split("-")[0]);
        long to = Long.parseLong(spanTotal[0].split("-")[1]);
        if (from != s.data.size() || to - from + 1 != body.length) {
          error(x, 400, "chunk at " + from + " does not follow " + s.data.size());
          return;
        }
        if (total.equals("*") && body.length % (256 << 10) != 0) {
          error(x, 400, "a non-final chunk must be a multiple of 256 KiB");
          return;
        }
        if (corruptNext.compareAndSet(true, false) && body.length > 0) {
          body[body.length / 2] ^= 0x40;
        }
        long keep = body.length > 0 ? failNextKeeping.getAndSet(-1) : -1;
        if (keep >= 0) {
          int kept = (int) Math.min(body.length, keep / (256 << 10) * (256 << 10));
          s.data.write(body, 0, kept);
          failures.incrementAndGet();
          error(x, 503, "Service Unavailable (injected)");
          return;
        }
        s.data.write(body, 0, body.length);
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
      Map<String, Stored> bucket = objects.get(s.bucket);
      synchronized (bucket) {
        if (s.mustNotExist && bucket.containsKey(s.name)) {
          sessions.remove(id);
          error(x, 412, "At least one of the pre-conditions you specified did not hold.");
          return;
        }
        Stored st = new Stored(data, generations.incrementAndGet(), Instant.now());
        bucket.put(s.name, st);
        sessions.remove(id);
        json(x, 200, resource(s.bucket, s.name, st));
      }
    }
  }

  private void object(HttpExchange x, List<String> seg, Map<String, String> q) throws IOException {
    x.getRequestBody().readAllBytes();
    String bucket = seg.get(0);
    if (!buckets.contains(bucket)) {
      error(x, 404, "The specified bucket does not exist.");
      return;
    }
    if (seg.size() < 2 || !seg.get(1).equals("o")) {
      error(x, 501, "the double implements objects only");
      return;
    }
    Map<String, Stored> in = objects.get(bucket);
    String method = x.getRequestMethod();
    if (seg.size() == 2) {
      if (!method.equals("GET")) {
        error(x, 501, "the double does not implement " + method + " on a bucket's objects");
        return;
      }
      String prefix = q.getOrDefault("prefix", "");
      StringBuilder items = new StringBuilder();
      for (Map.Entry<String, Stored> e : new TreeMap<>(in).entrySet()) {
        if (e.getKey().startsWith(prefix)) {
          items
              .append(items.length() == 0 ? "" : ",")
              .append(resource(bucket, e.getKey(), e.getValue()));
        }
      }
      json(x, 200, "{\"kind\":\"storage#objects\",\"items\":[" + items + "]}");
      return;
    }
    String name = seg.get(2);
    Stored st = in.get(name);
    switch (method) {
      case "GET" -> {
        if (st == null) {
          error(x, 404, "No such object: " + bucket + "/" + name);
        } else if ("media".equals(q.get("alt"))) {
          x.getResponseHeaders().add("Content-Type", "application/octet-stream");
          x.getResponseHeaders()
              .add("X-Goog-Hash", "crc32c=" + crc32c(st.data()) + ",md5=" + md5(st.data()));
          x.getResponseHeaders().add("X-Goog-Generation", Long.toString(st.generation()));
          x.sendResponseHeaders(200, st.data().length == 0 ? -1 : st.data().length);
          try (OutputStream o = x.getResponseBody()) {
            o.write(st.data());
          }
        } else {
          json(x, 200, resource(bucket, name, st));
        }
      }
      case "DELETE" -> {
        if (in.remove(name) == null) {
          error(x, 404, "No such object: " + bucket + "/" + name);
        } else {
          x.sendResponseHeaders(204, -1);
        }
      }
      default -> error(x, 501, "the double does not implement " + method + " on an object");
    }
  }

  private static String resource(String bucket, String name, Stored s) {
    return "{\"kind\":\"storage#object\",\"id\":"
        + Json.quote(bucket + "/" + name + "/" + s.generation())
        + ",\"name\":"
        + Json.quote(name)
        + ",\"bucket\":"
        + Json.quote(bucket)
        + ",\"generation\":\""
        + s.generation()
        + "\",\"metageneration\":\"1\",\"contentType\":\"application/octet-stream\",\"size\":\""
        + s.data().length
        + "\",\"crc32c\":\""
        + crc32c(s.data())
        + "\",\"md5Hash\":\""
        + md5(s.data())
        + "\",\"timeCreated\":\""
        + s.updated()
        + "\",\"updated\":\""
        + s.updated()
        + "\"}";
  }

  private static void json(HttpExchange x, int status, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }

  private static void error(HttpExchange x, int status, String message) throws IOException {
    json(
        x,
        status,
        "{\"error\":{\"code\":"
            + status
            + ",\"message\":"
            + Json.quote(message)
            + ",\"errors\":[{\"message\":"
            + Json.quote(message)
            + ",\"domain\":\"global\",\"reason\":\""
            + (status == 412 ? "conditionNotMet" : status == 404 ? "notFound" : "invalid")
            + "\"}]}}");
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> m = new HashMap<>();
    if (raw != null) {
      for (String kv : raw.split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          m.put(decode(kv.substring(0, eq)), decode(kv.substring(eq + 1)));
        }
      }
    }
    return m;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  private static String encode(String s) {
    return java.net.URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  /** Base64 of the big-endian CRC32C, as the JSON API reports it. */
  public static String crc32c(byte[] data) {
    CRC32C c = new CRC32C();
    c.update(data);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) c.getValue()).array());
  }

  private static String md5(byte[] data) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(data));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
