package io.restore.source;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.LongSupplier;

/**
 * Download progress on stderr: on a terminal one line rewritten in place (bytes, rate, ETA when the
 * size is known), otherwise a plain line every {@link #LOG_EVERY_NANOS} so logs stay short.
 */
final class DownloadProgress {
  private static final long TTY_EVERY_NANOS = 250_000_000L;
  static final long LOG_EVERY_NANOS = 10_000_000_000L;

  private final PrintWriter err;
  private final boolean tty;
  private final LongSupplier clock;
  private final String what;
  private long total = -1;
  private long bytes;
  private long startNanos;
  private long lastPrint;

  DownloadProgress(PrintWriter err, boolean tty, LongSupplier clock, String what) {
    this.err = err;
    this.tty = tty;
    this.clock = clock;
    this.what = what;
  }

  static DownloadProgress toStderr(PrintWriter err, String what) {
    return new DownloadProgress(err, stderrIsTerminal(), System::nanoTime, what);
  }

  /** Whether fd 2 is a terminal (Linux: /proc/self/fd/2 links to a tty device). */
  static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (Exception e) {
      return false;
    }
  }

  void start(long contentLength) {
    total = contentLength;
    startNanos = clock.getAsLong();
    lastPrint = startNanos;
    err.println(
        "restore: downloading "
            + what
            + (total >= 0 ? " (" + Bytes.human(total) + ")" : "")
            + ", extracting as it arrives");
    err.flush();
  }

  void advance(long n) {
    bytes += n;
    long now = clock.getAsLong();
    if (now - lastPrint >= (tty ? TTY_EVERY_NANOS : LOG_EVERY_NANOS)) {
      lastPrint = now;
      if (tty) {
        err.print("\r" + line(now) + "   ");
      } else {
        err.println("restore: " + line(now));
      }
      err.flush();
    }
  }

  void resumed(long at, int attempt, String why) {
    if (tty) {
      err.println();
    }
    err.println(
        "restore: the download stopped at "
            + Bytes.human(at)
            + " ("
            + why
            + "); resuming from byte "
            + at
            + " (attempt "
            + attempt
            + ")");
    err.flush();
  }

  void finish() {
    long now = clock.getAsLong();
    if (tty) {
      err.println("\r" + line(now) + "   ");
    }
    double secs = Math.max(1e-9, (now - startNanos) / 1e9);
    err.println(
        String.format(
            Locale.ROOT,
            "restore: downloaded %s in %.1f s (%s/s)",
            Bytes.human(bytes),
            secs,
            Bytes.human((long) (bytes / secs))));
    err.flush();
  }

  String line(long now) {
    double secs = Math.max(1e-9, (now - startNanos) / 1e9);
    double rate = bytes / secs;
    StringBuilder b = new StringBuilder("downloaded ").append(Bytes.human(bytes));
    if (total > 0) {
      b.append(" of ")
          .append(Bytes.human(total))
          .append(String.format(Locale.ROOT, " (%d%%)", bytes * 100 / total));
    }
    b.append(", ").append(Bytes.human((long) rate)).append("/s");
    if (total > 0 && rate > 0) {
      long eta = (long) ((total - bytes) / rate);
      b.append(String.format(Locale.ROOT, ", ETA %d:%02d", eta / 60, eta % 60));
    }
    return b.toString();
  }
}
