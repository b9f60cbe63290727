package io.restore.session;

import io.restore.output.Console;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where a session talks to its user: results (the URI) on stdout, so scripts can read them; status
 * lines on stderr through the {@link Console} ({@code restore: ...}; silent with --quiet,
 * timestamped off a terminal); what the session learned on the way ({@link SessionFacts}) for
 * {@code open --json} and {@code --summary-json}.
 *
 * <p>With {@value #TIMINGS_ENV} set, each status line also says how long after an origin it was
 * printed ({@code restore: [+1234 ms] ...}): scripts/bench-open reads these to show where the time
 * of a session goes. The origin is the variable's value when it is a time in milliseconds since the
 * epoch (the caller's own clock reading just before it started restore, so that the caller's total
 * and the steps come from one clock), else the process start, which Linux knows only to within a
 * second (boot time in whole seconds plus clock ticks).
 */
public final class SessionOutput {
  public static final String TIMINGS_ENV = "RESTORE_TIMINGS";

  private final PrintWriter out;
  private final Console console;
  private final Optional<Instant> processStart;
  private final Clock clock;
  private final SessionFacts facts;
  private final boolean uriOnStdout;

  /** Plain, non-terminal lines on {@code err} (tests, callers without options). */
  public SessionOutput(PrintWriter out, PrintWriter err) {
    this(out, Console.plain(err), new SessionFacts(), true, System.getenv(), Clock.systemUTC());
  }

  /**
   * Plain lines; timings on when {@code env} has {@value #TIMINGS_ENV}, measured by {@code clock}.
   */
  public SessionOutput(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    this(out, Console.plain(err), new SessionFacts(), true, env, clock);
  }

  /** For tests: plain lines, timings counted from {@code origin}. */
  SessionOutput(PrintWriter out, PrintWriter err, Optional<Instant> origin) {
    this(out, Console.plain(err), new SessionFacts(), true, origin, Clock.systemUTC());
  }

  /** For tests: plain lines, timings counted from {@code origin} and measured by {@code clock}. */
  SessionOutput(PrintWriter out, PrintWriter err, Optional<Instant> origin, Clock clock) {
    this(out, Console.plain(err), new SessionFacts(), true, origin, clock);
  }

  /**
   * @param uriOnStdout whether a waiting session prints its URI alone on stdout ({@code open
   *     --json} prints one JSON object there instead)
   * @param env where {@value #TIMINGS_ENV} is looked up
   * @param clock what measures the timings
   */
  public SessionOutput(
      PrintWriter out,
      Console console,
      SessionFacts facts,
      boolean uriOnStdout,
      Map<String, String> env,
      Clock clock) {
    this(out, console, facts, uriOnStdout, origin(env.get(TIMINGS_ENV)), clock);
  }

  private SessionOutput(
      PrintWriter out,
      Console console,
      SessionFacts facts,
      boolean uriOnStdout,
      Optional<Instant> origin,
      Clock clock) {
    this.out = out;
    this.console = console;
    this.facts = facts;
    this.uriOnStdout = uriOnStdout;
    this.processStart = origin;
    this.clock = clock;
  }

  /** Where the timings count from, for a value of {@value #TIMINGS_ENV} (null: no timings). */
  static Optional<Instant> origin(String timings) {
    if (timings == null) {
      return Optional.empty();
    }
    if (timings.matches("\\d{10,15}")) {
      return Optional.of(Instant.ofEpochMilli(Long.parseLong(timings)));
    }
    return ProcessHandle.current().info().startInstant();
  }

  public Console console() {
    return console;
  }

  public SessionFacts facts() {
    return facts;
  }

  /** The URI of a waiting session, on stdout (unless --json prints it in its object). */
  public void result(String line) {
    if (uriOnStdout) {
      out.println(line);
      out.flush();
    }
  }

  /** The session is ready: {@code open --json} prints its one object now. */
  public void ready() {
    facts.readyListener().ifPresent(l -> l.accept(facts));
  }

  public void status(String line) {
    console.info(elapsed() + line);
  }

  /** A status line replaced in place on a terminal (mongod start-up); none elsewhere. */
  public void live(String line) {
    console.live(line.isEmpty() ? List.of() : List.of("restore: " + line));
  }

  /** A step boundary for scripts/bench-open; printed only with {@value #TIMINGS_ENV}. */
  public void timing(String step) {
    if (processStart.isPresent()) {
      status(step);
    }
  }

  public void warning(String line) {
    console.warn(elapsed() + line);
  }

  /** A warning shown even with --quiet ({@link Console#alarm}). */
  public void alarm(String line) {
    console.alarm(elapsed() + line);
  }

  private String elapsed() {
    return processStart
        .map(s -> "[+" + Duration.between(s, clock.instant()).toMillis() + " ms] ")
        .orElse("");
  }
}
