package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.DumpRequest;
import io.restore.output.Console;
import io.restore.session.ClusterJob;

/** The cluster dump engine as a cluster session's job. */
final class ClusterDumpJobs {
  private ClusterDumpJobs() {}

  /**
   * Refused before any work until the cluster dump engine lands (issue 20): exit 2, so a script
   * never mistakes a partial cluster dump for a good one.
   */
  static ClusterJob.DumpJob job(DumpRequest request, Console console, RunSummary summary) {
    throw new RestoreException(
        ExitCode.USAGE,
        "dumping a sharded cluster (several sources) is not available in this build yet",
        "open the set with 'restore open SOURCE…' and dump each component, or use a build with"
            + " the cluster dump");
  }
}
