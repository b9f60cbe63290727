package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.BarProgress;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.Dumper;
import io.restore.dump.LogLineProgress;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore dump}: a snapshot (open + dump + teardown) or a running server (--uri). */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Dump a snapshot, or a running server with --uri, to mongodump's directory layout or"
          + " archive (mongorestore reads both). The output is verified, then renamed into place;"
          + " on failure nothing complete-looking is left."
    })
final class DumpCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<dbpath>",
      description = "Snapshot directory to open and dump.")
  Path dbpath;

  @Option(
      names = "--uri",
      paramLabel = "<uri>",
      description = "Dump this already running server instead of a snapshot.")
  String uri;

  @Mixin DumpOptions options;

  @Override
  public Integer call() {
    if ((dbpath == null) == (uri == null)) {
      throw new RestoreException(
          ExitCode.USAGE,
          dbpath == null ? "nothing to dump" : "<dbpath> and --uri cannot be combined",
          "give a snapshot directory, or --uri mongodb://host:port/ for a running server");
    }
    DumpRequest request = options.toRequest();
    if (dbpath != null) {
      // Hook for the lead: open the snapshot (restore open), then
      // new Dumper().dump(session.uri(), request, progress(request)) and tear down.
      throw NotImplemented.command("dump <dbpath>");
    }
    new Dumper().dump(uri, request, progress(request));
    return ExitCode.OK.value();
  }

  /** Bars on a terminal, else one line per collection; never on stdout (archives stream there). */
  DumpProgress progress(DumpRequest request) {
    boolean streaming = request.output() instanceof DumpOutput.Archive a && a.file().isEmpty();
    if (!options.quiet() && System.console() != null && !streaming) {
      return new BarProgress(System.err);
    }
    return new LogLineProgress(spec.commandLine().getErr());
  }
}
