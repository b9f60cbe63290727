package io.restore.source;

import java.net.URI;

/**
 * A download link as it may be printed: scheme, host, port and path. Atlas links carry their token
 * in the query (and could carry one in user info), so neither is ever shown; a path folder known to
 * be a token ({@link io.restore.Secrets}) is shown as {@code <redacted>}.
 */
final class Redacted {
  private Redacted() {}

  static String of(URI uri) {
    StringBuilder b = new StringBuilder();
    b.append(uri.getScheme()).append("://").append(uri.getHost());
    if (uri.getPort() != -1) {
      b.append(':').append(uri.getPort());
    }
    String path = uri.getRawPath();
    b.append(path == null || path.isEmpty() ? "/" : path);
    // A token in the path (an atlas:// link's, registered by AtlasSource) is scrubbed too.
    return io.restore.Secrets.scrub(b.toString());
  }
}
