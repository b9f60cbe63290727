package io.restore.testkit.storage;

import static io.restore.testkit.storage.GcsWire.error;
import static io.restore.testkit.storage.GcsWire.query;
import static io.restore.testkit.storage.GcsWire.segments;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * A test double of the Cloud Storage JSON API, on a loopback port: no Google emulator can be
 * installed here, so this implements just what the real {@code google-cloud-storage} client and
 * restore's resumable uploads use. Resumable upload sessions ({@link GcsResumableUploads}: start
 * with {@code ifGenerationMatch=0}, in-order chunks answered 308 with the persisted {@code Range},
 * a final chunk whose {@code X-Goog-Hash} crc32c/md5 must match the whole object or the object is
 * not created, DELETE cancels with 499), and object get, list, download ({@code alt=media}) and
 * delete ({@link GcsBuckets}). Anything else answers 501, so a client relying on more shows up in
 * the test.
 *
 * <p>Failure injection: {@link #corruptNextChunk()} flips a byte of the next chunk as it is stored,
 * as a damaged link would, so the final checksum check must refuse the object; {@link
 * #failNextChunk(int)} keeps only the start of the next chunk and answers 503, as a service
 * dropping a request half-way would, so the client must ask what was persisted and resume.
 */
public final class GcsJsonApiDouble implements AutoCloseable {
  private final HttpServer server;
  private final URI endpoint;
  private final GcsBuckets buckets = new GcsBuckets();
  private final GcsResumableUploads uploads;

  private GcsJsonApiDouble(HttpServer server) {
    this.server = server;
    this.endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    this.uploads = new GcsResumableUploads(buckets, endpoint);
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
    buckets.create(bucket);
  }

  /** Puts an object directly (as another writer would). */
  public void put(String bucket, String name, byte[] data) {
    buckets.put(bucket, name, data.clone());
  }

  /** Upload sessions started but neither finalized nor cancelled. */
  public int pendingSessions() {
    return uploads.pending();
  }

  /** Sessions cancelled with DELETE so far. */
  public long cancelledSessions() {
    return uploads.cancelled();
  }

  /** The names in {@code bucket}, sorted. */
  public List<String> names(String bucket) {
    return buckets.names(bucket);
  }

  /** Flips one byte of the next chunk received, after the client computed its checksums. */
  public void corruptNextChunk() {
    uploads.corruptNextChunk();
  }

  /**
   * The next non-empty chunk: keeps its first {@code keepBytes} (rounded down to 256 KiB, as the
   * service persists whole units) and answers 503.
   */
  public void failNextChunk(int keepBytes) {
    uploads.failNextChunk(keepBytes);
  }

  /** How many chunks {@link #failNextChunk} failed. */
  public long failedChunks() {
    return uploads.failedChunks();
  }

  /** Base64 of the big-endian CRC32C, as the JSON API reports it. */
  public static String crc32c(byte[] data) {
    return GcsWire.crc32c(data);
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
        uploads.session(x, q.get("upload_id"));
      } else if (path.startsWith("/upload/storage/v1/b/")
          && method.equals("POST")
          && "resumable".equals(q.get("uploadType"))) {
        uploads.start(x, segments(path, "/upload/storage/v1/b/"), q);
      } else if (path.startsWith("/storage/v1/b/") || path.startsWith("/download/storage/v1/b/")) {
        buckets.handle(
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
}
