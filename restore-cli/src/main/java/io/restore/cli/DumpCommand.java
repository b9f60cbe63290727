package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.DumpRequest;
import io.restore.session.OpenRequest;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.io.PrintWriter;
import java.util.Optional;
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
  private final Wiring wiring;

  @Spec CommandSpec spec;

  DumpCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<source>",
      description = SourceOptions.SOURCE_HELP)
  String dbpath;

  @Option(
      names = "--uri",
      paramLabel = "<uri>",
      description = "Dump this already running server instead of a snapshot.")
  String uri;

  @Mixin DumpOptions options;
  @Mixin KeySourceOptions keys;
  @Mixin MongodOptions mongod;
  @Mixin PkiOptionsMixin pki;
  @Mixin SourceOptions sources;

  @Override
  public Integer call() {
    if ((dbpath == null) == (uri == null)) {
      throw new RestoreException(
          ExitCode.USAGE,
          dbpath == null ? "nothing to dump" : "<dbpath> and --uri cannot be combined",
          "give a snapshot directory, or --uri mongodb://host:port/ for a running server");
    }
    DumpRequest request = options.toRequest();
    PrintWriter err = spec.commandLine().getErr();
    if (dbpath != null) {
      // open + dump + teardown: the same session as 'restore open --dump-to'.
      try (OpenedSource snapshot =
          sources.open(dbpath, Sources.Need.SNAPSHOT, spec, wiring.environment())) {
        OpenRequest open =
            new OpenRequest(
                snapshot.dbpath(),
                keys.toFlags(wiring.environment()),
                pki.toOptions(),
                pki.clientKeyPassword(),
                Optional.empty(),
                false,
                mongod.plan());
        return wiring
            .restoreSession(spec.commandLine().getOut(), err)
            .open(open, DumpJobs.job(wiring.dumper(), request, options.quiet(), err));
      }
    }
    wiring.dumper().dump(uri, request, DumpJobs.progress(request, options.quiet(), err));
    return ExitCode.OK.value();
  }
}
