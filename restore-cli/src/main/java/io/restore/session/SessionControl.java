package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.StopReport;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import io.restore.mongod.session.SessionStopper;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@code restore ps} and {@code restore stop}: the live sessions of this user, and ending them the
 * clean way (their own restore tears down on SIGTERM; a leftover mongod gets the shutdown ladder).
 */
public final class SessionControl {
  /** How long the ladder waits for mongod to exit after SIGKILL before giving up. */
  private static final Duration AFTER_SIGKILL = Duration.ofSeconds(10);

  private final SessionRegistry registry;

  public SessionControl(SessionRegistry registry) {
    this.registry = registry;
  }

  /** What {@code restore stop} was asked to do. */
  public record StopRequest(Optional<Path> dbpath, boolean force, Duration stepTimeout) {
    /** Every session of this user. */
    public static StopRequest all(boolean force, Duration stepTimeout) {
      return new StopRequest(Optional.empty(), force, stepTimeout);
    }

    public static StopRequest of(Path dbpath, boolean force, Duration stepTimeout) {
      return new StopRequest(Optional.of(dbpath), force, stepTimeout);
    }
  }

  /**
   * How one session ended.
   *
   * @param description for a person: "its restore ended the session" or the ladder's report
   */
  public record Stopped(SessionRecord session, StopReport report, String description) {
    public boolean clean() {
      return report.clean();
    }
  }

  public List<SessionRecord> list() {
    return registry.list();
  }

  /**
   * Stops the requested sessions one by one, telling {@code done} about each as it ends.
   *
   * @return how many sessions were found (0 only for "all" when none runs)
   * @throws RestoreException {@link ExitCode#FAILURE} when no session runs on the given dbpath, or
   *     when a mongod still runs after SIGTERM (without {@code force})
   */
  public int stop(StopRequest request, Consumer<String> progress, Consumer<Stopped> done)
      throws InterruptedException {
    List<SessionRecord> targets = targets(request);
    Duration step = request.stepTimeout();
    ShutdownPolicy policy = new ShutdownPolicy(step, step, step, AFTER_SIGKILL, request.force());
    SessionStopper stopper = new SessionStopper(registry, policy, progress);
    boolean allStopped = true;
    for (SessionRecord r : targets) {
      SessionStopper.Outcome o = stopper.stop(r);
      StopReport rep = o.report();
      done.accept(
          new Stopped(r, rep, o.viaRestore() ? "its restore ended the session" : rep.describe()));
      allStopped &= rep.rung() != StopReport.Rung.STILL_RUNNING;
    }
    if (!allStopped) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "a mongod is still running after SIGTERM",
          "wait and try again, or use --force to SIGKILL it (its data files may be damaged)");
    }
    return targets.size();
  }

  private List<SessionRecord> targets(StopRequest request) {
    if (request.dbpath().isEmpty()) {
      return registry.list();
    }
    Path dbpath = request.dbpath().get();
    return List.of(
        registry
            .find(dbpath)
            .orElseThrow(
                () ->
                    new RestoreException(
                        ExitCode.FAILURE,
                        "no restore session is running on " + SessionRegistry.canonical(dbpath),
                        "list running sessions with: restore ps")));
  }
}
