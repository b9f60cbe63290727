package io.restore.mongod;

import java.time.Duration;
import java.util.OptionalInt;
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

  private final ShutdownPolicy policy;
  private final Consumer<String> progress;

  /**
   * @param progress receives one line per rung taken (the SIGKILL line is meant to be shown to the
   *     user prominently)
   */
  public ShutdownLadder(ShutdownPolicy policy, Consumer<String> progress) {
    this.policy = policy;
    this.progress = progress;
  }

  public StopReport stop(Target t) throws InterruptedException {
    long started = System.nanoTime();
    if (!t.isAlive()) {
      return report(StopReport.Rung.ALREADY_EXITED, t, started);
    }
    OptionalInt port = t.port();
    if (port.isPresent()) {
      MongodClient.ShutdownAnswer answer =
          MongodClient.shutdown(t.connectHost(), port.getAsInt(), policy.commandTimeout());
      if (answer == MongodClient.ShutdownAnswer.ACCEPTED && t.awaitExit(policy.afterCommand())) {
        return report(StopReport.Rung.SHUTDOWN_COMMAND, t, started);
      }
      if (!t.isAlive()) {
        return report(StopReport.Rung.SHUTDOWN_COMMAND, t, started);
      }
      progress.accept(
          t.describe()
              + ": shutdown command "
              + (answer == MongodClient.ShutdownAnswer.ACCEPTED
                  ? "accepted but mongod still running after " + seconds(policy.afterCommand())
                  : answer.name().toLowerCase(java.util.Locale.ROOT))
              + "; sending SIGTERM");
    }
    t.terminate();
    if (t.awaitExit(policy.afterSigterm())) {
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

  private static StopReport report(StopReport.Rung rung, Target t, long started) {
    return new StopReport(rung, t.exitCode(), Duration.ofNanos(System.nanoTime() - started));
  }

  private static String seconds(Duration d) {
    return MongodStartException.human(d);
  }
}
