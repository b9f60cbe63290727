package io.restore.mongod.session;

import io.restore.mongod.Deadline;
import io.restore.mongod.ProcessIdentity;
import io.restore.mongod.ShutdownLadder;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.StopReport;
import java.time.Duration;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * {@code restore stop}: ends a recorded session the clean way. When its restore still runs, restore
 * is asked (SIGTERM) to tear down in order (mongod, then the KMIP server, then the key); when only
 * the mongod is left (restore was killed), mongod gets the shutdown ladder itself.
 */
public final class SessionStopper {
  private static final long POLL_MILLIS = 100;

  /** How a session ended. {@code viaRestore}: its own restore tore it down on our SIGTERM. */
  public record Outcome(SessionRecord session, StopReport report, boolean viaRestore) {}

  private final SessionRegistry registry;
  private final ShutdownPolicy policy;
  private final Consumer<String> progress;

  public SessionStopper(
      SessionRegistry registry, ShutdownPolicy policy, Consumer<String> progress) {
    this.registry = registry;
    this.policy = policy;
    this.progress = progress;
  }

  public Outcome stop(SessionRecord r) throws InterruptedException {
    long started = System.nanoTime();
    if (r.isProxy()) {
      return stopProxy(r, started);
    }
    ProcessIdentity restore = r.restore();
    boolean ownRestoreAlive = restore.pid() != ProcessHandle.current().pid() && restore.isRunning();
    if (ownRestoreAlive && r.mongod().isRunning()) {
      progress.accept(
          "asking restore (pid " + restore.pid() + ") to end its session on " + r.dbpath());
      restore.handle().ifPresent(ProcessHandle::destroy); // SIGTERM: its teardown runs in order
      Duration wait = policy.afterCommand().plus(policy.afterSigterm());
      if (awaitGone(r.mongod(), wait)) {
        awaitGone(restore, policy.afterSigkill());
        registry.forget(r);
        return new Outcome(
            r,
            new StopReport(
                StopReport.Rung.SIGTERM,
                OptionalInt.empty(),
                Duration.ofNanos(System.nanoTime() - started)),
            true);
      }
      progress.accept("restore did not end the session in time; stopping mongod directly");
    }
    StopReport report = new ShutdownLadder(policy, progress).stop(leftover(r));
    if (report.rung() != StopReport.Rung.STILL_RUNNING) {
      registry.forget(r);
    }
    return new Outcome(r, report, false);
  }

  /**
   * A {@code restore proxy}: no mongod of ours, so SIGTERM the proxy (its teardown stops the KMIP
   * server and removes its certificate files) and, only with {@code --force}, SIGKILL it.
   */
  private Outcome stopProxy(SessionRecord r, long started) throws InterruptedException {
    ProcessIdentity proxy = r.restore();
    StopReport.Rung rung = StopReport.Rung.ALREADY_EXITED;
    if (proxy.pid() != ProcessHandle.current().pid() && proxy.isRunning()) {
      progress.accept("asking restore proxy (pid " + proxy.pid() + ") to stop on " + r.dbpath());
      proxy.handle().ifPresent(ProcessHandle::destroy);
      rung = StopReport.Rung.SIGTERM;
      if (!awaitGone(proxy, policy.afterSigterm())) {
        rung = StopReport.Rung.STILL_RUNNING;
        if (policy.allowSigkill()) {
          proxy.handle().ifPresent(ProcessHandle::destroyForcibly);
          rung =
              awaitGone(proxy, policy.afterSigkill())
                  ? StopReport.Rung.SIGKILL
                  : StopReport.Rung.STILL_RUNNING;
        }
      }
    }
    if (rung != StopReport.Rung.STILL_RUNNING) {
      registry.forget(r);
    }
    return new Outcome(
        r,
        new StopReport(rung, OptionalInt.empty(), Duration.ofNanos(System.nanoTime() - started)),
        rung == StopReport.Rung.SIGTERM);
  }

  private static boolean awaitGone(ProcessIdentity p, Duration timeout)
      throws InterruptedException {
    Deadline d = Deadline.after(timeout);
    Object monitor = new Object();
    while (p.isRunning()) {
      if (d.isExpired()) {
        return false;
      }
      synchronized (monitor) {
        monitor.wait(Math.max(1, Math.min(POLL_MILLIS, d.remainingMillis())));
      }
    }
    return true;
  }

  private static ShutdownLadder.Target leftover(SessionRecord r) {
    ProcessIdentity id = r.mongod();
    return new ShutdownLadder.Target() {
      @Override
      public String describe() {
        return "mongod (pid " + id.pid() + ", dbpath " + r.dbpath() + ")";
      }

      @Override
      public boolean isAlive() {
        return id.isRunning();
      }

      @Override
      public OptionalInt port() {
        return r.mongodPort();
      }

      @Override
      public String connectHost() {
        return "127.0.0.1";
      }

      @Override
      public void terminate() {
        id.handle().ifPresent(ProcessHandle::destroy);
      }

      @Override
      public void kill() {
        id.handle().ifPresent(ProcessHandle::destroyForcibly);
      }

      @Override
      public boolean awaitExit(Duration timeout) throws InterruptedException {
        return awaitGone(id, timeout);
      }

      @Override
      public OptionalInt exitCode() {
        return OptionalInt.empty(); // not our child: the kernel tells its parent, not us
      }
    };
  }
}
