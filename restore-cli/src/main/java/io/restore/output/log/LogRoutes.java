package io.restore.output.log;

import io.restore.output.Console;
import io.restore.output.LogLevel;
import java.io.PrintWriter;
import java.util.regex.Pattern;

/**
 * Where SLF4J messages go, by logger name (restore's own provider reads this; no slf4j-simple).
 *
 * <ul>
 *   <li>The KMIP audit loggers (any name ending in {@code audit}: kmip-core's {@code
 *       io.restore.kmip.audit} or a listener wired to {@code audit}): the session log always,
 *       stderr with {@code -v}. A successful Get also prints one status line, "mongod fetched the
 *       master key", once per run.
 *   <li>Everything else (the KMS SDKs, the MongoDB driver): warnings and errors to stderr and the
 *       session log; INFO with {@code -v}, DEBUG with {@code -vv}. A few warnings nobody can act on
 *       ({@link #isNoise}) count as DEBUG.
 * </ul>
 *
 * Until a command installs its console, warnings go to {@code System.err} as plain lines.
 */
public final class LogRoutes {
  private static final Pattern KEY_FETCHED = Pattern.compile("\\bop=Get\\b.*\\bresult=Success\\b");

  private static volatile Console console;
  private static volatile boolean keyFetchReported;

  private LogRoutes() {}

  /** Routes every logger through {@code c} from now on (one run, one console). */
  public static void install(Console c) {
    console = c;
    keyFetchReported = false;
  }

  /** Back to the default (tests). */
  public static void reset() {
    console = null;
    keyFetchReported = false;
  }

  /** The console installed for this run, if any. */
  public static java.util.Optional<Console> console() {
    return java.util.Optional.ofNullable(console);
  }

  static boolean isAudit(String name) {
    return name.equals("audit") || name.endsWith(".audit");
  }

  static boolean enabled(String name, LogLevel at) {
    Console c = console;
    if (isAudit(name)) {
      // Audit lines are INFO; they always feed the session log and the key-fetched status line.
      return c != null && at.ordinal() <= LogLevel.INFO.ordinal();
    }
    return libraryLevel(c).shows(at);
  }

  /** The libraries' threshold: one step quieter than restore's own lines. */
  private static LogLevel libraryLevel(Console c) {
    if (c == null) {
      return LogLevel.WARN;
    }
    return switch (c.level()) {
      case ERROR -> LogLevel.ERROR;
      case WARN, INFO -> LogLevel.WARN;
      case DEBUG -> LogLevel.INFO;
      case TRACE -> LogLevel.TRACE;
    };
  }

  static void log(String name, LogLevel at, String message, Throwable t) {
    Console c = console;
    String text = t == null ? message : message + " (" + describe(t) + ")";
    if (isNoise(name, text)) {
      if (!libraryLevel(c).shows(LogLevel.DEBUG)) {
        return;
      }
      at = LogLevel.DEBUG;
    }
    if (c == null) {
      PrintWriter err = new PrintWriter(System.err, true);
      err.println(at + " " + shortName(name) + " - " + text);
      return;
    }
    if (isAudit(name)) {
      c.line(LogLevel.DEBUG, "restore: audit: " + text);
      if (!keyFetchReported && KEY_FETCHED.matcher(text).find()) {
        keyFetchReported = true;
        c.info("mongod fetched the master key");
      }
      return;
    }
    String line = at + " " + shortName(name) + " - " + text;
    c.line(at == LogLevel.ERROR || at == LogLevel.WARN ? LogLevel.WARN : LogLevel.DEBUG, line);
  }

  /**
   * Library warnings nobody can act on, kept for {@code -vv}: azure-core's JDK HttpClient adapter
   * warns on every request (every staged block of an az:// upload) that the JDK computes the
   * Content-Length header itself, which is what should happen.
   */
  static boolean isNoise(String name, String text) {
    return name.endsWith(".JdkHttpClient")
        && text.contains("restricted by 'java.net.http.HttpClient'")
        && text.contains("content-length");
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return m == null ? "no details" : m;
  }

  private static String shortName(String name) {
    int dot = name.lastIndexOf('.');
    return dot < 0 ? name : name.substring(dot + 1);
  }
}
