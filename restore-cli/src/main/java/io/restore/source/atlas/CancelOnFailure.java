package io.restore.source.atlas;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A download restore job this run created and that has not delivered yet: cancelled in Atlas
 * ({@code cancelBackupRestoreJob}, allowed for download jobs) when the wait for its link ends
 * without one — timeout, an error, an interrupt — and by a shutdown hook when Ctrl-C or SIGTERM end
 * the JVM meanwhile, so that no job of ours is left preparing (docs/atlas-api.md). Once the link is
 * there the job is kept: a later run reuses it.
 */
final class CancelOnFailure implements AutoCloseable {
  /** The shutdown hook waits this long for Atlas at most: the JVM's exit must not hang. */
  static final long HOOK_WAIT_MILLIS = 10_000;

  private final AtlasApi api;
  private final AtlasUri target;
  private final String jobId;
  private final PrintWriter err;
  private final AtomicBoolean settled = new AtomicBoolean();
  private final Thread hook;

  CancelOnFailure(AtlasApi api, AtlasUri target, String jobId, PrintWriter err) {
    this.api = api;
    this.target = target;
    this.jobId = jobId;
    this.err = err;
    this.hook = new Thread(this::onExit, "restore-atlas-job-cancel");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** The link arrived: the job stays in Atlas for reuse. */
  void delivered() {
    settled.set(true);
    removeHook();
  }

  /** The job ended by itself (failed, expired, cancelled in Atlas): nothing to cancel. */
  void endedInAtlas() {
    delivered();
  }

  /** Without a link, on any other path out: cancels the job (once). */
  @Override
  public void close() {
    if (settled.compareAndSet(false, true)) {
      removeHook();
      cancel();
    }
  }

  /** The shutdown hook's work (package-private for the test of Ctrl-C's path). */
  void onExit() {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    Thread t = new Thread(this::cancel, "restore-atlas-job-cancel-call");
    t.setDaemon(true);
    t.start();
    try {
      t.join(HOOK_WAIT_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void cancel() {
    // An interrupt is often why we are here: the call to Atlas must still go out.
    boolean interrupted = Thread.interrupted();
    try {
      api.cancel(target.projectId(), target.cluster(), jobId);
      err.println(
          "restore: cancelled Atlas restore job " + jobId + " (it had no download link yet)");
    } catch (RuntimeException e) {
      err.println(
          "restore: could not cancel Atlas restore job "
              + jobId
              + " ("
              + e.getMessage()
              + "); cancel it in Atlas under Backup > Restores & Downloads");
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
    err.flush();
  }

  private void removeHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs and finds the job settled
    }
  }
}
