package io.restore.cluster.dump;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.cluster.ConfigServerReader;
import io.restore.cluster.RoutingTable;
import io.restore.dump.Catalog;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.DumpSummary;
import io.restore.dump.DumpTool;
import io.restore.dump.PartedDump;
import io.restore.dump.PartedPlan;
import io.restore.dump.ShardedCounts;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Dumps a whole sharded cluster from its components' running mongods, without mongos, as one
 * mongorestore-ready dump: what {@code mongodump} through {@code mongos} would write, orphans
 * excluded and counted (docs/design/sharding.md, "Dumping a cluster").
 *
 * <pre>
 * ClusterDumpResult r = ClusterDump.run(
 *     new ClusterConnections(configUri, Map.of("shard-0", uri0, ...)), request, progress);
 * </pre>
 */
public final class ClusterDump {
  private final PartedDump dump;

  /** A stdout archive goes to {@code stdout}; {@code ids} name the staged output. */
  public ClusterDump(OutputStream stdout, Clock clock, Supplier<String> ids) {
    this.dump = new PartedDump(stdout, clock, ids);
  }

  /** {@link #dump} with an archive to {@code System.out} if one streams to stdout. */
  public static ClusterDumpResult run(
      ClusterConnections connections, DumpRequest request, DumpProgress progress) {
    return new ClusterDump(System.out, Clock.systemUTC(), PartedDump::randomId)
        .dump(connections, request, progress);
  }

  /**
   * Reads the routing table from the config server, refuses chunk coverage problems, and writes one
   * dump of the cluster to {@code request}'s output.
   *
   * @return the summary of a dump that completed and verified
   * @throws RestoreException {@link ExitCode#SNAPSHOT} for an inconsistent config server (chunk
   *     gaps or overlaps, named) or shards that do not match it, {@link ExitCode#DUMP_FAILED}
   *     naming the failed collection and shard (nothing complete-looking is left), {@link
   *     ExitCode#USAGE} for bad filters or an existing output
   */
  public ClusterDumpResult dump(
      ClusterConnections connections, DumpRequest request, DumpProgress progress) {
    if (request.tool() == DumpTool.MONGODUMP) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--dump-tool mongodump cannot dump a sharded cluster: without mongos it would copy"
              + " every shard's orphans",
          "leave out --dump-tool (the built-in dump filters the orphans)");
    }
    long t0 = System.nanoTime();
    java.time.Instant started = Clock.systemUTC().instant();
    List<MongoClient> clients = new ArrayList<>();
    try {
      MongoClient config = open(connections.configServerUri(), "the config server", clients);
      Map<String, MongoClient> shards = new LinkedHashMap<>();
      RoutingTable table;
      List<PartedPlan> plans;
      String serverVersion;
      try {
        table = ConfigServerReader.readUnchecked(config);
        for (String id : table.shards().keySet()) {
          if (!connections.shardUris().containsKey(id)) {
            throw new RestoreException(
                ExitCode.SNAPSHOT,
                "shard " + UserText.cap(id) + " of the config server's config.shards has no mongod",
                "give the snapshot of every shard the config server lists: "
                    + table.shards().keySet());
          }
        }
        for (String id : connections.shardUris().keySet()) {
          if (!table.shards().containsKey(id)) {
            throw new RestoreException(
                ExitCode.SNAPSHOT,
                UserText.cap(id) + " is not a shard of this cluster",
                "the config server lists " + new TreeSet<>(table.shards().keySet()));
          }
        }
        List<String> problems = ConfigServerReader.coverageProblems(table);
        if (!problems.isEmpty()) {
          refuse(request, progress, started, t0, problems);
        }
        for (String id : new TreeSet<>(table.shards().keySet())) { // a stable order for reports
          shards.put(id, open(connections.shardUris().get(id), "shard " + id, clients));
        }
        dump.onCancel(() -> clients.forEach(MongoClient::close));
        serverVersion = new Catalog(config).serverVersion();
        plans = ClusterPlanner.plan(table, config, shards, request);
      } catch (MongoException | IllegalStateException e) {
        throw new RestoreException(
            ExitCode.DUMP_FAILED,
            "cannot read the cluster's catalog and routing table: " + describe(e),
            "check that the config server's and every shard's mongod are running",
            e);
      }
      PartedDump.Result result = dump.run(serverVersion, plans, request, List.of(), progress);
      DumpSummary summary = result.summary();
      PartedDump.writeSummary(request, summary);
      progress.done(summary);
      if (!summary.ok()) {
        throw new RestoreException(
            ExitCode.DUMP_FAILED,
            "dump failed, " + summary.output() + " was not written: " + summary.error(),
            "fix the cause and run the dump again (the partial output was removed)");
      }
      return new ClusterDumpResult(summary);
    } finally {
      clients.forEach(MongoClient::close);
    }
  }

  /** Stops a running {@link #dump} (thread-safe): it fails and removes its partial output. */
  public void cancel() {
    dump.cancel();
  }

  /** Chunk gaps or overlaps: nothing is written; the summary (and --summary-json) names them. */
  private static void refuse(
      DumpRequest request,
      DumpProgress progress,
      java.time.Instant started,
      long t0,
      List<String> problems) {
    RestoreException e = ConfigServerReader.coverageError(problems);
    DumpSummary summary =
        new DumpSummary(
            false,
            "",
            "",
            started,
            Duration.ofNanos(System.nanoTime() - t0),
            List.of(),
            null,
            e.getMessage(),
            null,
            new ShardedCounts(List.of(), problems, request.includeOrphans()));
    PartedDump.writeSummary(request, summary);
    progress.done(summary);
    throw e;
  }

  private static MongoClient open(String uri, String what, List<MongoClient> clients) {
    ConnectionString cs;
    try {
      cs = new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "the connection string of " + what + " is not a MongoDB URI: " + e.getMessage(),
          "use mongodb://host:port/");
    }
    MongoClient c =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(cs)
                .applicationName("restore-dump")
                .build());
    clients.add(c);
    return c;
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return m == null ? "no details given" : UserText.cap(m);
  }
}
