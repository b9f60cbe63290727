package io.restore.dump;

import io.restore.output.Console;
import io.restore.output.LogLevel;
import java.util.Locale;

/**
 * One line per finished collection and one at the end, through the console (timestamped off a
 * terminal; silent with --quiet except failures).
 */
public final class LogLineProgress implements DumpProgress {
  private final Console console;

  public LogLineProgress(Console console) {
    this.console = console;
  }

  @Override
  public void finished(CollectionResult r) {
    String what =
        switch (r.status()) {
          case VERIFIED -> "dumped";
          case METADATA_ONLY -> "dumped (view, metadata only)";
          case FAILED -> "FAILED";
          case CANCELLED -> "cancelled";
        };
    console.line(
        // a failed collection is part of the error the run ends with: shown even with --quiet
        r.status() == CollectionResult.Status.FAILED ? LogLevel.ERROR : LogLevel.INFO,
        String.format(
            Locale.ROOT,
            "%s %s: %d documents, %s in %.1f s%s",
            what,
            r.ns(),
            r.documents(),
            bytes(r.bytes()),
            r.duration().toMillis() / 1000.0,
            r.error() == null ? "" : " (" + r.error() + ")"));
  }

  @Override
  public void done(DumpSummary s) {
    console.line(
        LogLevel.INFO,
        String.format(
            Locale.ROOT,
            "%s: %d collections, %d documents, %s in %.1f s -> %s%s",
            s.ok() ? "dump complete and verified" : "dump FAILED",
            s.collections().size(),
            s.documents(),
            bytes(s.bytes()),
            s.duration().toMillis() / 1000.0,
            s.output(),
            s.archiveCheck() == null ? "" : " (" + s.archiveCheck() + ")"));
    if (s.sharded() != null) {
      s.sharded().lines().forEach(l -> console.line(LogLevel.INFO, "  " + l));
    }
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
