package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.DumpRequest;
import io.restore.session.ClusterJob;
import io.restore.session.ClusterRequest;
import io.restore.session.OpenRequest;
import io.restore.session.SessionFacts;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
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

/** {@code restore dump}: a snapshot (open + dump + teardown) or a running server (--uri). */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = {
      "Dump a snapshot, or a running server with --uri, to mongodump's directory layout or"
          + " archive (mongorestore reads both). The output is verified, then renamed into place;"
          + " on failure nothing complete-looking is left."
    },
    footer = {
      "",
      "Examples:",
      "  # every database, mongodump's directory layout",
      "  restore dump /data/snap --out /backups/snap",
      "  # one gzipped archive file, four collections at a time",
      "  restore dump /data/snap --archive=/backups/snap.archive.gz --gzip -j 4",
      "  # one database, mongodump's names",
      "  restore dump /data/snap -d shop -o /backups/shop",
      "  # a stream for mongorestore on another host",
      "  restore dump /data/snap --archive | ssh db2 mongorestore --archive",
      "  # a sharded cluster: every component's snapshot, one dump",
      "  restore dump cfg.tar.gz shard0.tar.gz shard1.tar.gz --archive=/backups/cluster.archive",
      "  # a running server; a summary for cron",
      "  restore dump --uri mongodb://127.0.0.1:27017/ -o out --summary-json out.json"
    })
final class DumpCommand implements Callable<Integer>, RunSummary.Source {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  DumpCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Parameters(
      arity = "0..*",
      paramLabel = "<source>",
      description =
          SourceOptions.SOURCE_HELP
              + " Several sources: one per component of a sharded cluster (config server and every"
              + " shard), dumped as one dump.")
  List<String> sourceArgs = new ArrayList<>();

  @Option(names = "-dbpath", paramLabel = "<dbpath>", hidden = true)
  String dbpathAlias;

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
  @Mixin OutputOptions output;

  private final SessionFacts facts = new SessionFacts();

  private RunSummary summary;

  /** The same object for the strategy that writes it and the job that fills it. */
  @Override
  public Optional<RunSummary> runSummary() {
    if (summary == null && options.summaryJson().isPresent()) {
      summary = new RunSummary(options.summaryJson().get(), options.destination, facts);
    }
    return Optional.ofNullable(summary);
  }

  @Override
  public Integer call() {
    runSummary();
    String snapshot = !sourceArgs.isEmpty() ? sourceArgs.get(0) : dbpathAlias;
    if ((snapshot == null) == (uri == null)) {
      throw new RestoreException(
          ExitCode.USAGE,
          snapshot == null ? "nothing to dump" : "<dbpath> and --uri cannot be combined",
          "give a snapshot directory, or --uri mongodb://host:port/ for a running server");
    }
    // Every option is checked here, before a key is decrypted or mongod starts.
    DumpRequest request = options.toRequest();
    ArchiveGuard.check(options, output);
    if (snapshot != null) {
      // atlas:// asks Atlas here: a sharded cluster's job gives one link per component
      List<SourceTarget> targets =
          sources.resolve(
              sourceArgs.isEmpty() ? List.of(snapshot) : sourceArgs, spec, wiring.environment());
      if (targets.size() > 1) {
        return dumpCluster(request, targets);
      }
      // open + dump + teardown: the same session as 'restore open --dump-to'.
      try (OpenedSource opened =
          sources.open(targets.get(0), Sources.Need.SNAPSHOT, spec, wiring.environment())) {
        OpenRequest open = openRequest(opened.dbpath());
        output.sessionLog(wiring.stateDir());
        return wiring
            .restoreSession(spec.commandLine().getOut(), output.console(), facts, true)
            .open(open, DumpJobs.job(wiring.dumper(), request, output.console(), summary, facts));
      }
    }
    wiring.dumper().dump(uri, request, DumpJobs.progress(output.console(), summary));
    return ExitCode.OK.value();
  }

  /** Several sources: open every component of the sharded cluster, dump it as one dump. */
  private int dumpCluster(DumpRequest request, List<SourceTarget> targets) {
    if (dbpathAlias != null) {
      throw new RestoreException(
          ExitCode.USAGE,
          "-dbpath and several sources cannot be combined",
          "give every component's snapshot as a SOURCE");
    }
    ClusterJob job =
        new ClusterJob.Dump(
            ClusterDumpJobs.job(wiring.clusterDump(), request, output.console(), summary));
    try (ClusterSources opened =
        ClusterSources.open(targets, sources, spec, wiring.environment())) {
      OpenRequest shared = openRequest(opened.sources().get(0).dbpath());
      output.sessionLog(wiring.stateDir());
      return wiring
          .clusterSession(spec.commandLine().getOut(), output.console(), facts, Optional.empty())
          .open(new ClusterRequest(opened.sources(), shared, mongod.maxParallelMongods()), job);
    }
  }

  /** What the session needs to open a snapshot for a dump (certificates in its private folder). */
  private OpenRequest openRequest(java.nio.file.Path dbpath) {
    return new OpenRequest(
        dbpath,
        keys.toFlags(wiring.environment()),
        pki.toOptions(),
        pki.clientKeyPassword(),
        Optional.empty(),
        false,
        mongod.plan());
  }
}
