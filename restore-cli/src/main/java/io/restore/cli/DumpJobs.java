package io.restore.cli;

import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.DumpSnapshot;
import io.restore.dump.Dumper;
import io.restore.dump.LiveProgress;
import io.restore.dump.LogLineProgress;
import io.restore.dump.OutputChecks;
import io.restore.output.Console;
import io.restore.output.LogLevel;
import io.restore.session.Job;
import io.restore.session.SessionFacts;

/** The dumper as a session job, with the progress display that suits stderr. */
final class DumpJobs {
  private DumpJobs() {}

  /**
   * @param summary the run's --summary-json, which keeps the dump's own summary; null without one
   */
  static Job.Dump job(
      Dumper dumper, DumpRequest request, Console console, RunSummary summary, SessionFacts facts) {
    return new Job.Dump(
        new Job.DumpJob() {
          @Override
          public int run(String uri) {
            // The dumper reports its own summary line; failures are RestoreExceptions.
            dumper.dump(uri, request.withSnapshot(snapshot(facts)), progress(console, summary));
            return 0;
          }

          @Override
          public void preflight() {
            OutputChecks.beforeStart(request);
          }

          @Override
          public void cancel() {
            dumper.cancel();
          }
        });
  }

  /** What the session learned of the snapshot by the time mongod is ready. */
  static DumpSnapshot snapshot(SessionFacts facts) {
    return new DumpSnapshot(facts.keyId(), facts.provider(), facts.mongodVersion());
  }

  static DumpProgress progress(Console console, RunSummary summary) {
    DumpProgress p = progress(console);
    return summary == null ? p : summary.capturing(p);
  }

  /**
   * Live lines when stderr is a terminal (also while an archive streams on stdout: the two streams
   * are told apart), else one timestamped line per collection; nothing but failures with --quiet.
   */
  static DumpProgress progress(Console console) {
    if (live(console)) {
      return new LiveProgress(console);
    }
    return new LogLineProgress(console);
  }

  /** Whether the dump's progress is the live display (a terminal) rather than plain lines. */
  static boolean live(Console console) {
    return console.interactive() && console.shows(LogLevel.INFO);
  }
}
