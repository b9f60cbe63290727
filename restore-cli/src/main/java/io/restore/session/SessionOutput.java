package io.restore.session;

import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Where a session talks to its user: results (the URI) on stdout, so scripts can read them; status
 * lines on stderr, prefixed with {@code restore:}.
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
  private final PrintWriter err;
  private final Optional<Instant> processStart;
  private final Clock clock;

  /** Timings on when {@code env} has {@value #TIMINGS_ENV}; {@code clock} measures them. */
  public SessionOutput(PrintWriter out, PrintWriter err, Map<String, String> env, Clock clock) {
    this(out, err, origin(env.get(TIMINGS_ENV)), clock);
  }

  SessionOutput(PrintWriter out, PrintWriter err, Optional<Instant> origin, Clock clock) {
    this.out = out;
    this.err = err;
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

  public void result(String line) {
    out.println(line);
    out.flush();
  }

  public void status(String line) {
    err.println("restore: " + elapsed() + line);
    err.flush();
  }

  /** A step boundary for scripts/bench-open; printed only with {@value #TIMINGS_ENV}. */
  public void timing(String step) {
    if (processStart.isPresent()) {
      status(step);
    }
  }

  public void warning(String line) {
    err.println("restore: " + elapsed() + "WARNING: " + line);
    err.flush();
  }

  private String elapsed() {
    return processStart
        .map(s -> "[+" + Duration.between(s, clock.instant()).toMillis() + " ms] ")
        .orElse("");
  }
}
