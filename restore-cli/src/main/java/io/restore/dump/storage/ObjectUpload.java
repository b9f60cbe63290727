package io.restore.dump.storage;

import java.io.IOException;
import java.io.OutputStream;

/**
 * An object being written to a store: "stage, verify, then commit or abort" is the only way to
 * publish it (docs/design/reliability.md #12). Write through {@link #stream()} and close it; check
 * what was written; then {@link #commit()}. {@link #close()} without a commit aborts the upload, so
 * nothing appears at the final name and no pending upload is left.
 */
public interface ObjectUpload extends AutoCloseable {
  /** Where the bytes go; closing it sends the last part but publishes nothing. */
  OutputStream stream();

  /** Publishes the object; only after {@link #stream()} was closed and its content checked. */
  void commit() throws IOException;

  /** What was uploaded so far (after the stream closed: the whole object). */
  Stats stats();

  /** Without a commit: aborts the upload. Never throws. */
  @Override
  void close();

  /** Size, whole-object SHA-256 (hex), parts and the upload time, for the summary. */
  record Stats(long bytes, String sha256, int parts, long millis) {}
}
