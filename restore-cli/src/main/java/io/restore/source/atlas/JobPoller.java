package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits for a restore job's download link: polls with {@link Backoff}, prints a progress line per
 * poll (state and elapsed time), stops at a failed/expired/cancelled job, and gives up after the
 * timeout with the job id in the message so the user can follow it in Atlas.
 */
final class JobPoller {
  private final AtlasApi api;
  private final AtlasSettings settings;
  private final PrintWriter err;
  private volatile RestoreJob lastSeen;

  JobPoller(AtlasApi api, AtlasSettings settings, PrintWriter err) {
    this.api = api;
    this.settings = settings;
    this.err = err;
  }

  /** The job as last read (after a failed {@link #await}: whether Atlas ended it). */
  RestoreJob lastSeen() {
    return lastSeen;
  }

  /**
   * Polls {@code created} until it has its link. {@code ours}: this run created it, and cancels it
   * when the wait fails ({@link CancelOnFailure}); the timeout message says so.
   */
  RestoreJob await(AtlasUri target, RestoreJob created, boolean ours) {
    Instant start = settings.clock().instant();
    Instant deadline = start.plus(settings.jobTimeout());
    Backoff backoff = new Backoff(settings.firstPoll());
    Duration wait = null;
    RestoreJob job = created;
    while (true) {
      lastSeen = job;
      Duration elapsed = Duration.between(start, settings.clock().instant());
      err.println(
          "restore: Atlas restore job "
              + job.id()
              + ": "
              + job.state()
              + " ("
              + human(elapsed)
              + ")");
      err.flush();
      if (job.over()) {
        throw new RestoreException(
            ExitCode.ATLAS,
            "Atlas restore job " + job.id() + " " + job.state(),
            "see the job in Atlas (Backup > Restores & Downloads); run again for a new job");
      }
      if (job.ready()) {
        return job;
      }
      Duration left = Duration.between(settings.clock().instant(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new RestoreException(
            ExitCode.ATLAS,
            "Atlas restore job "
                + job.id()
                + " has no download link after "
                + human(settings.jobTimeout())
                + " (--atlas-timeout)",
            ours
                ? "restore cancels the job it asked for; run again with a longer --atlas-timeout"
                : "the job keeps running in Atlas (restore reused it, another run asked for it):"
                    + " run again later to reuse it, or with a longer --atlas-timeout");
      }
      wait = backoff.next(wait);
      try {
        settings.sleeper().sleep(Backoff.capped(wait, left));
      } catch (InterruptedException e) {
        throw RateLimited.interrupted();
      }
      job = api.job(target.projectId(), target.cluster(), job.id());
    }
  }

  static String human(Duration d) {
    long s = d.toSeconds();
    if (s < 60) {
      return s + " s";
    }
    if (s < 3600) {
      return String.format(java.util.Locale.ROOT, "%d min %02d s", s / 60, s % 60);
    }
    return String.format(java.util.Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
  }
}
