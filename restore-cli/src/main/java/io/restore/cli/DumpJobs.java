package io.restore.cli;

import io.restore.dump.BarProgress;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.DumpSummary;
import io.restore.dump.Dumper;
import io.restore.dump.LogLineProgress;
import io.restore.session.Job;
import java.io.PrintWriter;

/** The dumper as a session job, with the progress display that suits the terminal. */
final class DumpJobs {
  private DumpJobs() {}

  static Job.Dump job(DumpRequest request, boolean quiet, PrintWriter err) {
    return new Job.Dump(
        uri -> {
          DumpSummary summary = new Dumper().dump(uri, request, progress(request, quiet, err));
          err.println("restore: " + describe(summary));
          err.flush();
          return 0;
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

  private static String describe(DumpSummary s) {
    long documents = s.collections().stream().mapToLong(c -> c.documents()).sum();
    return String.format(
        "dumped %d documents in %d collections to %s (verified)",
        documents, s.collections().size(), s.output());
  }
}
