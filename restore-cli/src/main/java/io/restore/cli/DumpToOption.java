package io.restore.cli;

import io.restore.dump.DumpOutput;
import io.restore.dump.DumpRequest;
import io.restore.dump.Dumper;
import io.restore.session.Job;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * {@code restore open --dump-to DIR} (or {@code --out}/{@code --archive}): dump the snapshot with
 * the dumper's options, verify, then tear down.
 */
final class DumpToOption {
  @Option(
      names = "--dump-to",
      paramLabel = "<dir>",
      description = "dump every database to <dir> (mongodump's format), verify, then tear down")
  Path dumpTo;

  @Mixin DumpOptions options;

  boolean requested() {
    return dumpTo != null || options.outputGiven();
  }

  Job job(CommandSpec spec, Dumper dumper) {
    DumpRequest request =
        dumpTo != null ? options.toRequest(new DumpOutput.Directory(dumpTo)) : options.toRequest();
    return DumpJobs.job(dumper, request, options.quiet(), spec.commandLine().getErr());
  }
}
