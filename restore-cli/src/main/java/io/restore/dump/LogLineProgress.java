package io.restore.dump;

import java.io.PrintWriter;
import java.util.Locale;

/** One line per finished collection and one at the end: for logs, cron and --quiet. */
public final class LogLineProgress implements DumpProgress {
  private final PrintWriter out;

  public LogLineProgress(PrintWriter out) {
    this.out = out;
  }

  @Override
  public synchronized void finished(CollectionResult r) {
    String what =
        switch (r.status()) {
          case VERIFIED -> "dumped";
          case METADATA_ONLY -> "dumped (view, metadata only)";
          case FAILED -> "FAILED";
          case CANCELLED -> "cancelled";
        };
    out.printf(
        Locale.ROOT,
        "%s %s: %d documents, %s in %.1f s%s%n",
        what,
        r.ns(),
        r.documents(),
        bytes(r.bytes()),
        r.duration().toMillis() / 1000.0,
        r.error() == null ? "" : " (" + r.error() + ")");
    out.flush();
  }

  @Override
  public synchronized void done(DumpSummary s) {
    out.printf(
        Locale.ROOT,
        "%s: %d collections, %d documents, %s in %.1f s -> %s%s%n",
        s.ok() ? "dump complete and verified" : "dump FAILED",
        s.collections().size(),
        s.documents(),
        bytes(s.bytes()),
        s.duration().toMillis() / 1000.0,
        s.output(),
        s.archiveCheck() == null ? "" : " (" + s.archiveCheck() + ")");
    out.flush();
  }

  static String bytes(long b) {
    if (b < 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f KiB", b / 1024.0);
    }
    if (b < 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f MiB", b / (1024.0 * 1024));
    }
    return String.format(Locale.ROOT, "%.2f GiB", b / (1024.0 * 1024 * 1024));
  }
}
