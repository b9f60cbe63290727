package io.restore.mongod;

import java.time.Duration;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Stops a mongod without losing data (docs/design/atlas-snapshot.md "Shutdown";
 * docs/design/reliability.md row 10): the {@code shutdown} admin command, then SIGTERM, and SIGKILL
 * only as a last resort, said loudly.
 */
public final class ShutdownLadder {

  /** What the ladder needs of a process: our own child or a leftover found by pid. */
  public interface Target {
    String describe();

    boolean isAlive();

    /** Port for the shutdown command; empty when mongod never announced one. */
    OptionalInt port();

    String connectHost();

    /** Sends SIGTERM. */
    void terminate();

    /** Sends SIGKILL. */
    void kill();

    /** Waits up to {@code timeout}; true once the process has exited. */
    boolean awaitExit(Duration timeout) throws InterruptedException;

    OptionalInt exitCode();
  }

  /** How often a wait looks at {@link #faster} (a second Ctrl-C). */
  private static final Duration SLICE = Duration.ofMillis(100);

  private final ShutdownPolicy policy;
  private final Consumer<String> progress;
  private final CompletableFuture<?> faster;

  /**
   * @param progress receives one line per rung taken (the SIGKILL line is meant to be shown to the
   *     user prominently)
   */
  public ShutdownLadder(ShutdownPolicy policy, Consumer<String> progress) {
    this(policy, progress, new CompletableFuture<>());
  }

  /**
   * @param faster completes on a second stop request (a second Ctrl-C): the ladder stops waiting
   *     for mongod after the shutdown command and sends SIGTERM at once, a clean shutdown too. It
   *     never makes SIGKILL come sooner: mongod's wait after SIGTERM is its clean shutdown, and
   *     killing it could damage its data files (docs/design/reliability.md row 10).
   */
  public ShutdownLadder(
      ShutdownPolicy policy, Consumer<String> progress, CompletableFuture<?> faster) {
    this.policy = policy;
    this.progress = progress;
    this.faster = faster;
  }

  public StopReport stop(Target t) throws InterruptedException {
    long started = System.nanoTime();
    if (!t.isAlive()) {
      return report(StopReport.Rung.ALREADY_EXITED, t, started);
    }
    OptionalInt port = t.port();
    if (port.isPresent() && !faster.isDone()) {
      MongodClient.ShutdownAnswer answer =
          MongodClient.shutdown(t.connectHost(), port.getAsInt(), policy.commandTimeout());
      if (answer == MongodClient.ShutdownAnswer.ACCEPTED
          && awaitExit(t, policy.afterCommand(), true)) {
        return report(StopReport.Rung.SHUTDOWN_COMMAND, t, started);
      }
      if (!t.isAlive()) {
        return report(StopReport.Rung.SHUTDOWN_COMMAND, t, started);
      }
      progress.accept(
          faster.isDone()
              ? "stopping faster: not waiting any longer for "
                  + t.describe()
                  + " after the shutdown command; sending SIGTERM (a clean shutdown too)"
              : t.describe()
                  + ": shutdown command "
                  + (answer == MongodClient.ShutdownAnswer.ACCEPTED
                      ? "accepted but mongod still running after " + seconds(policy.afterCommand())
                      : answer.name().toLowerCase(java.util.Locale.ROOT))
                  + "; sending SIGTERM");
    } else if (faster.isDone()) {
      progress.accept(
          "stopping faster: sending SIGTERM to "
              + t.describe()
              + " without the shutdown command (a clean shutdown too)");
    }
    t.terminate();
    if (awaitExit(t, policy.afterSigterm(), false)) {
      return report(StopReport.Rung.SIGTERM, t, started);
    }
    if (!policy.allowSigkill()) {
      progress.accept(
          t.describe()
              + " is STILL RUNNING "
              + seconds(policy.afterSigterm())
              + " after SIGTERM; not killing it (SIGKILL can damage data files)");
      return report(StopReport.Rung.STILL_RUNNING, t, started);
    }
    progress.accept(
        "WARNING: "
            + t.describe()
            + " ignored SIGTERM for "
            + seconds(policy.afterSigterm())
            + "; sending SIGKILL. Its data files may be damaged.");
    t.kill();
    if (t.awaitExit(policy.afterSigkill())) {
      return report(StopReport.Rung.SIGKILL, t, started);
    }
    progress.accept("WARNING: " + t.describe() + " is still running even after SIGKILL");
    return report(StopReport.Rung.STILL_RUNNING, t, started);
  }

  /**
   * Waits up to {@code limit} for {@code t} to exit, in slices so that a second stop request is
   * seen: with {@code cutShort} it ends the wait (false); otherwise it is answered once, saying why
   * restore keeps waiting.
   */
  private boolean awaitExit(Target t, Duration limit, boolean cutShort)
      throws InterruptedException {
    long deadline = System.nanoTime() + limit.toNanos();
    boolean told = faster.isDone(); // already said when the SIGTERM was sent
    while (true) {
      if (faster.isDone() && cutShort) {
        return !t.isAlive();
      }
      if (faster.isDone() && !told) {
        told = true;
        progress.accept(
            "stopping faster: "
                + t.describe()
                + " has SIGTERM and is shutting down cleanly; restore waits for it (at most "
                + seconds(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))
                + " more) rather than kill it, which could damage its data files");
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        return !t.isAlive();
      }
      if (t.awaitExit(Duration.ofNanos(Math.min(left, SLICE.toNanos())))) {
        return true;
      }
    }
  }

  private static StopReport report(StopReport.Rung rung, Target t, long started) {
    return new StopReport(rung, t.exitCode(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static String seconds(Duration d) {
    return MongodStartException.human(d);
  }
}
