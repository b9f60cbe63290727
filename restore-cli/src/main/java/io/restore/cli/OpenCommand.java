package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.session.ClusterJob;
import io.restore.session.ClusterReady;
import io.restore.session.ClusterRequest;
import io.restore.session.Job;
import io.restore.session.OpenRequest;
import io.restore.session.SessionFacts;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
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
      "  restore open /data/snap --json",
      "  # a sharded cluster: one source per component, one line per component when ready",
      "  restore open cfg.tar.gz shard0.tar.gz shard1.tar.gz"
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
      paramLabel = "SOURCE|CMD",
      description =
          "more sources: one per component of a sharded cluster (config server and every shard);"
              + " with --exec: the command and its arguments, after '--'")
  List<String> command = new ArrayList<>();

  @Option(
      names = "--exec",
      description =
          "run the command given after '--' with MONGODB_URI, RESTORE_KMIP_PORT and"
              + " RESTORE_DBPATH set (several sources: MONGODB_URI_CONFIG, MONGODB_URI_<SHARD>"
              + " and RESTORE_COMPONENTS_JSON instead of MONGODB_URI and RESTORE_DBPATH), then"
              + " tear down and exit with its exit code")
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
    output.sessionLog(wiring.stateDir());
    // atlas:// asks Atlas here: a sharded cluster's job gives one link per component
    List<SourceTarget> targets = sources.resolve(sourceArgs(), spec, wiring.environment());
    if (targets.size() > 1) {
      return openCluster(targets, job, out);
    }
    if (json) {
      facts.onReady(
          f -> {
            out.println(ReadyJson.line(f));
            out.flush();
          });
    }
    try (OpenedSource snapshot =
        sources.open(targets.get(0), Sources.Need.SNAPSHOT, spec, wiring.environment())) {
      return wiring
          .restoreSession(out, output.console(), facts, !json)
          .open(request(snapshot.dbpath()), job);
    }
  }

  /** Several sources: one session over a sharded cluster's components (ClusterSession). */
  private int openCluster(List<SourceTarget> targets, Job job, PrintWriter out) {
    ClusterJob clusterJob;
    if (job instanceof Job.Exec e) {
      clusterJob = new ClusterJob.Exec(e.command());
    } else if (job instanceof Job.Dump) {
      clusterJob = new ClusterJob.Dump(dumpTo.clusterJob(wiring.clusterDump(), output, summary));
    } else {
      clusterJob = new ClusterJob.Wait();
    }
    Optional<Consumer<ClusterReady>> onReady =
        json
            ? Optional.of(
                ready -> {
                  out.println(ready.json());
                  out.flush();
                })
            : Optional.empty();
    try (ClusterSources opened =
        ClusterSources.open(targets, sources, spec, wiring.environment())) {
      return wiring
          .clusterSession(out, output.console(), facts, onReady)
          .open(
              new ClusterRequest(
                  opened.sources(),
                  request(opened.sources().get(0).dbpath()),
                  mongod.maxParallelMongods()),
              clusterJob);
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

  /** The first source, or Atlas's -dbpath (then every positional word is the command). */
  private String dbpath() {
    List<String> all = sourceArgs();
    if (all.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "no snapshot folder given",
          "run 'restore open <dbpath>' with the extracted snapshot folder");
    }
    return all.get(0);
  }

  /** Every positional word, in order (picocli splits them into the first and the rest). */
  private List<String> positionals() {
    List<String> all = new ArrayList<>();
    if (dbpath != null) {
      all.add(dbpath);
    }
    all.addAll(command);
    return all;
  }

  /**
   * How many positional words follow '--'. With --exec they are the command; the words before are
   * sources. Without '--', --exec takes every word after the first source (as it always did).
   */
  private int wordsAfterDelimiter() {
    List<String> original = spec.commandLine().getParseResult().originalArgs();
    int i = original.indexOf("--");
    return i < 0 ? -1 : original.size() - i - 1;
  }

  /** The SOURCE words: one snapshot, or one per component of a sharded cluster. */
  private List<String> sourceArgs() {
    if (dbpathAlias != null) {
      return List.of(dbpathAlias);
    }
    List<String> all = positionals();
    if (!exec) {
      return all;
    }
    int after = wordsAfterDelimiter();
    int sources = after < 0 ? Math.min(1, all.size()) : Math.max(0, all.size() - after);
    return all.subList(0, sources);
  }

  private List<String> commandWords() {
    List<String> all = positionals();
    if (dbpathAlias != null) {
      return all;
    }
    if (!exec) {
      return List.of();
    }
    return all.subList(sourceArgs().size(), all.size());
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
      return dumpTo.job(wiring.dumper(), output, summary, facts);
    }
    return new Job.Wait();
  }
}
