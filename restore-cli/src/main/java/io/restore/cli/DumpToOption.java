package io.restore.cli;

import io.restore.cluster.dump.ClusterDump;
import io.restore.dump.DumpRequest;
import io.restore.dump.Dumper;
import io.restore.session.ClusterJob;
import io.restore.session.Job;
import io.restore.session.SessionFacts;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code restore open --dump-to DIR} (or {@code --out}/{@code --archive}): dump the snapshot with
 * the dumper's options, verify, then tear down.
 */
final class DumpToOption {
  @Option(
      names = "--dump-to",
      paramLabel = "<dir>",
      description =
          "dump every database to <dir> (mongodump's format), verify, then tear down; <dir> may be"
              + " a store prefix (s3://, gs://, az://) as for dump --out")
  String dumpTo;

  @Mixin DumpOptions options;

  boolean requested() {
    return dumpTo != null || options.outputGiven();
  }

  /** The dump of a sharded cluster's set as one dump; checked before any work. */
  ClusterJob.DumpJob clusterJob(ClusterDump engine, OutputOptions output, RunSummary summary) {
    DumpRequest request = request();
    ArchiveGuard.check(options, output);
    return ClusterDumpJobs.job(engine, request, output.console(), summary);
  }

  /** The dump job; checked (bad --query, bare --archive on a terminal) before any work. */
  Job job(Dumper dumper, OutputOptions output, RunSummary summary, SessionFacts facts) {
    DumpRequest request = request();
    ArchiveGuard.check(options, output);
    return DumpJobs.job(dumper, request, output.console(), summary, facts);
  }

  private DumpRequest request() {
    return dumpTo != null
        ? options.toRequest(options.directory("--dump-to", dumpTo))
        : options.toRequest();
  }
}
