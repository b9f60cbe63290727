package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.session.Job;
import io.restore.session.OpenRequest;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore open}: one command from encrypted snapshot to a supervised, ready mongod. */
@Command(
    name = "open",
    mixinStandardHelpOptions = true,
    description = {
      "Open an encrypted snapshot: decrypt its master key, serve it over KMIP, run mongod on it.",
      "Without --exec or --dump-to, prints the connection string and waits for Ctrl-C; then stops"
          + " mongod cleanly, stops the KMIP server and removes everything it created."
    },
    footer = {
      "",
      "Examples:",
      "  restore open /data/snap                             # prints mongodb://127.0.0.1:<port>/...",
      "  restore open /data/snap --exec -- mongosh \"\\$MONGODB_URI\"",
      "  restore open /data/snap --dump-to /backups/snap    # dump, verify, tear down"
    })
final class OpenCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  OpenCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(index = "0", paramLabel = "<source>", description = SourceOptions.SOURCE_HELP)
  String source;

  @Parameters(
      index = "1..*",
      paramLabel = "CMD",
      description = "with --exec: the command and its arguments, after '--'")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--exec",
      description =
          "run the command given after '--' with MONGODB_URI, RESTORE_KMIP_PORT and"
              + " RESTORE_DBPATH set, then tear down and exit with its exit code")
  boolean exec;

  @Option(
      names = "--cert-dir",
      paramLabel = "<dir>",
      description = "where mongod's kmipCA.pem and kmipClient.pem go (default: a private folder)")
  Path certDir;

  @Option(names = "--keep-certs", description = "keep the certificate files after the session")
  boolean keepCerts;

  @Mixin KeySourceOptions keys;
  @Mixin MongodOptions mongod;
  @Mixin PkiOptionsMixin pki;
  @Mixin DumpToOption dumpTo;
  @Mixin SourceOptions sources;

  @Override
  public Integer call() {
    Job job = job();
    try (OpenedSource snapshot =
        sources.open(source, Sources.Need.SNAPSHOT, spec, wiring.environment())) {
      return wiring
          .restoreSession(spec.commandLine().getOut(), spec.commandLine().getErr())
          .open(request(snapshot.dbpath()), job);
    }
  }

  OpenRequest request(Path dbpath) {
    return new OpenRequest(
        dbpath,
        keys.toFlags(wiring.environment()),
        pki.toOptions(),
        pki.clientKeyPassword(),
        Optional.ofNullable(certDir),
        keepCerts,
        mongod.plan());
  }

  private Job job() {
    if (exec && command.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--exec needs a command after '--'",
          "e.g. restore open <dbpath> --exec -- mongosh \"$MONGODB_URI\"");
    }
    if (!exec && !command.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "unexpected arguments after the dbpath: " + String.join(" ", command),
          "to run a command, add --exec before '--'");
    }
    if (exec && dumpTo.requested()) {
      throw new RestoreException(
          ExitCode.USAGE, "--exec and --dump-to cannot be combined", "choose one job per session");
    }
    if (exec) {
      return new Job.Exec(command);
    }
    if (dumpTo.requested()) {
      return dumpTo.job(spec, wiring.dumper());
    }
    return new Job.Wait();
  }
}
