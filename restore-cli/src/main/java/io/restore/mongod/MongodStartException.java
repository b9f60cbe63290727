package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/** mongod did not become ready: why, its exit code if it exited, and its last log lines. */
public final class MongodStartException extends RestoreException {
  private static final long serialVersionUID = 1L;
  public static final int SHOWN_LINES = 20;

  private final transient OptionalInt mongodExit;
  private final transient List<LogLine> lastLines;

  MongodStartException(
      ExitCode code, String message, String nextStep, OptionalInt mongodExit, List<LogLine> lines) {
    super(code, message, nextStep);
    this.mongodExit = mongodExit;
    this.lastLines = List.copyOf(lines);
  }

  /** mongod exited (or logged a fatal line) before it was ready. */
  static MongodStartException failed(String waitingFor, OptionalInt exit, MongodLog log) {
    ExitExplanation e = ExitExplanation.of(exit, log);
    String head =
        exit.isPresent()
            ? "mongod exited with code "
                + exit.getAsInt()
                + " while restore waited for "
                + waitingFor
            : "mongod logged a fatal error while restore waited for " + waitingFor;
    return build(e.exitCode(), head + ": " + e.meaning(), e.nextStep(), exit, log);
  }

  /** The deadline passed first. */
  static MongodStartException timedOut(String waitingFor, Deadline deadline, MongodLog log) {
    return build(
        ExitCode.MONGOD_FAILED,
        "mongod was not ready after "
            + human(deadline.budget())
            + ": still waiting for "
            + waitingFor
            + " (a large snapshot can take long to recover)",
        "raise --startup-timeout if the log shows progress; otherwise read the log",
        OptionalInt.empty(),
        log);
  }

  private static MongodStartException build(
      ExitCode code, String head, String next, OptionalInt exit, MongodLog log) {
    List<LogLine> lines = log.last(SHOWN_LINES);
    Path file = log.file();
    String message =
        head
            + System.lineSeparator()
            + "  last "
            + lines.size()
            + " log lines (full log: "
            + file
            + "):"
            + System.lineSeparator()
            + MongodLog.format(lines).stripTrailing();
    return new MongodStartException(code, message, next, exit, lines);
  }

  static String human(java.time.Duration d) {
    long s = d.toSeconds();
    if (s == 0) {
      return d.toMillis() + " ms";
    }
    return s % 60 == 0 && s >= 60 ? (s / 60) + " min" : s + " s";
  }

  public OptionalInt mongodExit() {
    return mongodExit;
  }

  public List<LogLine> lastLines() {
    return lastLines;
  }
}
