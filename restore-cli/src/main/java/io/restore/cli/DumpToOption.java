package io.restore.cli;

import io.restore.session.Job;
import java.nio.file.Path;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** {@code restore open --dump-to DIR}: dump the snapshot, verify, then tear down. */
final class DumpToOption {
  @Option(
      names = "--dump-to",
      paramLabel = "<dir>",
      description = "dump every database to <dir> (mongodump's format), verify, then tear down")
  Path dumpTo;

  boolean requested() {
    return dumpTo != null;
  }

  Job job(CommandSpec spec) {
    throw NotImplemented.command("open --dump-to");
  }
}
