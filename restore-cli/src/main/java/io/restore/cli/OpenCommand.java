package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.session.Job;
import io.restore.session.OpenRequest;
import io.restore.session.SessionFacts;
import io.restore.source.OpenedSource;
import io.restore.source.Sources;
import java.io.PrintWriter;
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
      "  # prints mongodb://127.0.0.1:<port>/... and waits for Ctrl-C",
      "  restore open /data/snap",
      "  # runs mongosh with the session's URI, then tears down",
      "  restore open /data/snap --exec -- sh -c 'mongosh \"$MONGODB_URI\"'",
      "  # dump, verify, tear down",
      "  restore open /data/snap --dump-to /backups/snap",
      "  # one JSON object on stdout when ready (for scripts)",
      "  restore open /data/snap --json"
    })
final class OpenCommand implements Callable<Integer>, RunSummary.Source {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  OpenCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "<source>",
      description = SourceOptions.SOURCE_HELP + " (or -dbpath)")
  String dbpath;

  @Option(names = "-dbpath", paramLabel = "<dbpath>", hidden = true)
  String dbpathAlias;

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
      names = "--json",
      description =
          "when mongod is ready, print one JSON object on stdout (URI, ports, pid, session id,"
              + " dbpath) instead of the bare URI; see docs/json-output.md")
  boolean json;

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
  @Mixin OutputOptions output;

  private final SessionFacts facts = new SessionFacts();

  private RunSummary summary;

  /** The same object for the strategy that writes it and the job that fills it. */
  @Override
  public Optional<RunSummary> runSummary() {
    if (summary == null && dumpTo.options.summaryJson().isPresent()) {
      summary =
          new RunSummary(dumpTo.options.summaryJson().get(), dumpTo.options.destination, facts);
    }
    return Optional.ofNullable(summary);
  }

  @Override
  public Integer call() {
    runSummary();
    Job job = job();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      facts.onReady(
          f -> {
            out.println(ReadyJson.line(f));
            out.flush();
          });
    }
    output.sessionLog(wiring.stateDir());
    try (OpenedSource snapshot =
        sources.open(dbpath(), Sources.Need.SNAPSHOT, spec, wiring.environment())) {
      return wiring
          .restoreSession(out, output.console(), facts, !json)
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

  /** The positional dbpath, or Atlas's -dbpath (then every positional word is the command). */
  private String dbpath() {
    if (dbpathAlias == null) {
      if (dbpath == null) {
        throw new RestoreException(
            ExitCode.USAGE,
            "no snapshot folder given",
            "run 'restore open <dbpath>' with the extracted snapshot folder");
      }
      return dbpath;
    }
    return dbpathAlias;
  }

  private List<String> commandWords() {
    if (dbpathAlias != null && dbpath != null) {
      List<String> all = new ArrayList<>();
      all.add(dbpath.toString());
      all.addAll(command);
      return all;
    }
    return command;
  }

  private Job job() {
    dbpath();
    List<String> words = commandWords();
    if (exec && words.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--exec needs a command after '--'",
          "e.g. restore open <dbpath> --exec -- sh -c 'mongosh \"$MONGODB_URI\"'");
    }
    if (!exec && !words.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "unexpected arguments after the dbpath: " + String.join(" ", words),
          "to run a command, add --exec before '--'");
    }
    if (exec && dumpTo.requested()) {
      throw new RestoreException(
          ExitCode.USAGE, "--exec and --dump-to cannot be combined", "choose one job per session");
    }
    if (exec) {
      return new Job.Exec(words);
    }
    if (dumpTo.requested()) {
      return dumpTo.job(wiring.dumper(), output, summary);
    }
    return new Job.Wait();
  }
}
