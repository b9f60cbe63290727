package io.restore.cli;

import io.restore.dump.BarProgress;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.Dumper;
import io.restore.dump.LogLineProgress;
import io.restore.dump.OutputChecks;
import io.restore.session.Job;
import java.io.PrintWriter;

/** The dumper as a session job, with the progress display that suits the terminal. */
final class DumpJobs {
  private DumpJobs() {}

  static Job.Dump job(Dumper dumper, DumpRequest request, boolean quiet, PrintWriter err) {
    return new Job.Dump(
        new Job.DumpJob() {
          @Override
          public int run(String uri) {
            // The dumper reports its own summary line; failures are RestoreExceptions.
            dumper.dump(uri, request, progress(request, quiet, err));
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

  /** Bars on a terminal, else one line per collection; never on stdout (archives stream there). */
  static DumpProgress progress(DumpRequest request, boolean quiet, PrintWriter err) {
    boolean streaming = request.output() instanceof DumpOutput.Archive a && a.file().isEmpty();
    if (!quiet && System.console() != null && !streaming) {
      return new BarProgress(System.err);
    }
    return new LogLineProgress(err);
  }
}
