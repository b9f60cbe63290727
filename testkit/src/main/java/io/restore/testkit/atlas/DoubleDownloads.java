package io.restore.testkit.atlas;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The double's download side: the links a ready job shows (a token folder in the path and a
 * signature in the query, as Atlas's do) and the archives behind them, one per component of a
 * sharded cluster's job, some of which may be made to answer 410 Gone.
 */
final class DoubleDownloads {
  static final String PREFIX = "/backup/restore/";

  private final byte[] archive;
  private final Set<String> failing = ConcurrentHashMap.newKeySet();
  private volatile List<String> components = List.of();
  private volatile Map<String, byte[]> componentArchives = Map.of();

  DoubleDownloads(byte[] archive) {
    this.archive = archive;
  }

  void sharded(List<String> replicaSets, Map<String, byte[]> archives) {
    components = List.copyOf(replicaSets);
    componentArchives = Map.copyOf(archives);
  }

  void fail(String replicaSet) {
    failing.add(replicaSet);
  }

  /** The replica sets a job delivers separately; empty for a replica set's single archive. */
  List<String> components() {
    return components;
  }

  /** Every link of a ready job: one, or one per component. */
  void addLinks(URI base, String jobId, String snapshotId, List<String> urls) {
    List<String> names = components;
    if (names.isEmpty()) {
      urls.add(link(base, jobId, "restore-" + snapshotId));
    } else {
      names.forEach(c -> urls.add(link(base, jobId, c)));
    }
  }

  private static String link(URI base, String jobId, String name) {
    return base
        + PREFIX
        + jobId
        + "/"
        + AtlasApiDouble.PATH_TOKEN
        + "/"
        + name
        + ".tar.gz?token=DOWNLOAD-TOKEN-"
        + jobId;
  }

  void serve(HttpExchange ex, URI uri) throws IOException {
    String q = String.valueOf(uri.getRawQuery());
    if (!q.startsWith("token=DOWNLOAD-TOKEN-")) {
      reply(ex, 403, "text/plain", "expired");
      return;
    }
    String file = uri.getRawPath().substring(uri.getRawPath().lastIndexOf('/') + 1);
    String component = file.replaceFirst("\\.tar\\.gz$", "");
    if (failing.contains(component)) {
      reply(ex, 410, "text/plain", "gone");
      return;
    }
    byte[] body = componentArchives.getOrDefault(component, archive);
    ex.getResponseHeaders().add("Content-Type", "application/gzip");
    ex.sendResponseHeaders(200, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }

  /** A plain reply outside the API's contract (download links, the OAuth endpoint). */
  static void reply(HttpExchange ex, int status, String type, String text) throws IOException {
    byte[] b = text.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", type);
    ex.sendResponseHeaders(status, b.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(b);
    }
  }
}
