package io.restore.cli;

import io.restore.cluster.dump.ClusterConnections;
import io.restore.cluster.dump.ClusterDump;
import io.restore.cluster.dump.ClusterDumpResult;
import io.restore.dump.DumpRequest;
import io.restore.dump.OutputChecks;
import io.restore.output.Console;
import io.restore.session.ClusterJob;
import java.util.Map;

/** The cluster dump engine as a cluster session's job, with the progress display of a dump. */
final class ClusterDumpJobs {
  private ClusterDumpJobs() {}

  /**
   * @param summary the run's --summary-json, which keeps the dump's own summary; null without one
   */
  static ClusterJob.DumpJob job(
      ClusterDump engine, DumpRequest request, Console console, RunSummary summary) {
    return new ClusterJob.DumpJob() {
      @Override
      public int run(String configServerUri, Map<String, String> shardUris) {
        ClusterDumpResult r =
            engine.dump(
                new ClusterConnections(configServerUri, shardUris),
                request,
                DumpJobs.progress(console, summary));
        // plain lines print the per-shard counts under the dump's summary line; a live display
        // (a terminal) does not, so they are printed here
        if (DumpJobs.live(console)) {
          r.lines().forEach(l -> console.info("  " + l));
        }
        return 0;
      }

      @Override
      public void preflight() {
        OutputChecks.beforeStart(request);
      }

      @Override
      public void cancel() {
        engine.cancel();
      }
    };
  }
}
