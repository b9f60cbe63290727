package io.restore.output;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * restore's one writer to stderr: status lines, warnings, errors, and on a terminal a live block of
 * lines at the bottom (dump progress, mongod start-up) that is redrawn in place. Permanent lines
 * are printed above the live block, so nothing overwrites anything else.
 *
 * <p>Off a terminal the live block is never drawn (no {@code \r}, no escape codes) and every line
 * starts with an ISO-8601 UTC timestamp, as mongodump's lines do.
 */
public final class Console {
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSX").withZone(ZoneOffset.UTC);
  private static final String ESC = "\u001b[";

  private final PrintWriter err;
  private final Terminal terminal;
  private final LogLevel level;
  private final Clock clock;
  private List<String> live = List.of();
  private volatile SessionLog log;

  public Console(PrintWriter err, Terminal terminal, LogLevel level, Clock clock) {
    this.err = err;
    this.terminal = terminal;
    this.level = level;
    this.clock = clock;
  }

  /** Plain lines at the default level: for tests and callers without options. */
  public static Console plain(PrintWriter err) {
    return new Console(err, Terminal.NONE, LogLevel.INFO, Clock.systemUTC());
  }

  /** From now on every line, whatever the level, is also appended to {@code log}. */
  public void attach(SessionLog log) {
    this.log = log;
  }

  /** Appends to the session log only (audit lines): never shown. */
  public void record(String text) {
    SessionLog l = log;
    if (l != null) {
      l.append(text);
    }
  }

  /** Whether this console prints on {@code writer} (a command's stderr). */
  public boolean writesTo(PrintWriter writer) {
    return err == writer;
  }

  public boolean interactive() {
    return terminal.interactive();
  }

  public Terminal terminal() {
    return terminal;
  }

  public LogLevel level() {
    return level;
  }

  public boolean shows(LogLevel message) {
    return level.shows(message);
  }

  /** A status line ({@code restore: ...}), unless --quiet. */
  public void info(String message) {
    line(LogLevel.INFO, "restore: " + message);
  }

  /** A warning: hidden by --quiet (errors only). */
  public void warn(String message) {
    warning(LogLevel.WARN, message);
  }

  /**
   * A warning that --quiet does not hide: something that may have damaged the user's data (a mongod
   * that had to be killed) or that is still running, although the run may exit 0.
   */
  public void alarm(String message) {
    warning(LogLevel.ERROR, message);
  }

  private void warning(LogLevel at, String message) {
    String plain = "restore: WARNING: " + message;
    line(
        at,
        plain,
        terminal.color() ? "restore: " + ESC + "33mWARNING" + ESC + "0m: " + message : plain);
  }

  /** Shown with -v only. */
  public void debug(String message) {
    line(LogLevel.DEBUG, "restore: " + message);
  }

  /**
   * Always shown, whatever the level, and never timestamped: an error is the run's last word, in
   * the two-line form scripts match ({@code ^restore: }, {@code ^ next: };
   * docs/troubleshooting.md).
   */
  public synchronized void error(String message) {
    record(message);
    eraseLive();
    live = List.of();
    err.println(message);
    err.flush();
  }

  /** A line of its own (no {@code restore:} prefix) at {@code level}. */
  public void line(LogLevel at, String text) {
    line(at, text, text);
  }

  private synchronized void line(LogLevel at, String text, String shown) {
    record(text);
    if (!level.shows(at)) {
      return;
    }
    if (terminal.interactive()) {
      eraseLive();
      err.println(shown);
      drawLive();
    } else {
      String stamp = STAMP.format(clock.instant());
      for (String part : text.split("\n", -1)) {
        err.println(stamp + " " + part);
      }
    }
    err.flush();
  }

  /**
   * Replaces the live block with {@code lines} (terminal at INFO or more only; elsewhere a no-op:
   * callers print permanent lines at their own pace there).
   */
  public synchronized void live(List<String> lines) {
    if (!terminal.interactive() || !level.shows(LogLevel.INFO)) {
      return;
    }
    eraseLive();
    List<String> fitted = new ArrayList<>(lines.size());
    for (String l : lines) {
      fitted.add(fit(l));
    }
    live = List.copyOf(fitted);
    drawLive();
    err.flush();
  }

  /** Removes the live block from the screen. */
  public void clearLive() {
    live(List.of());
  }

  private String fit(String line) {
    int max = Math.max(10, terminal.width() - 1);
    return line.length() <= max ? line : line.substring(0, max - 3) + "...";
  }

  private void eraseLive() {
    if (!live.isEmpty()) {
      // Up to the block's first line, then clear to the end of the screen.
      err.print(ESC + live.size() + "A\r" + ESC + "J");
    }
  }

  private void drawLive() {
    for (String l : live) {
      err.print(l);
      err.print('\n');
    }
  }
}
