package io.restore.dump;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Launcher;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The built-in dumper: reads a running server through its URI and writes what mongorestore reads
 * (docs/design/dump-format.md). Output is complete and verified, or absent
 * (docs/design/reliability.md #12).
 *
 * <pre>
 * DumpSummary s = wiring.dumper().dump(mongod.uri(), options.toRequest(), progress);
 * </pre>
 */
public final class Dumper {
  private final OutputStream stdout;
  private final Map<String, String> env;
  private final Clock clock;
  private final Supplier<String> ids;
  private final Launcher launcher;
  private final DumpCancellation cancellation = new DumpCancellation();

  /**
   * Archives without a file go to {@code stdout}; {@code --dump-tool mongodump} is looked up on the
   * PATH of {@code env} and run through {@code launcher} with {@code env} as its environment.
   */
  public Dumper(OutputStream stdout, Map<String, String> env, Clock clock, Launcher launcher) {
    this(stdout, env, clock, Dumper::randomId, launcher);
  }

  public Dumper(OutputStream stdout, Map<String, String> env, Clock clock, Supplier<String> ids) {
    this(stdout, env, clock, ids, Launcher.system());
  }

  public Dumper(
      OutputStream stdout,
      Map<String, String> env,
      Clock clock,
      Supplier<String> ids,
      Launcher launcher) {
    this.stdout = stdout;
    this.env = Map.copyOf(env);
    this.clock = clock;
    this.ids = ids;
    this.launcher = launcher;
  }

  /**
   * Dumps what {@code request} selects from the server at {@code mongodbUri}.
   *
   * @return the summary of a dump that completed and verified
   * @throws RestoreException {@link ExitCode#DUMP_FAILED} naming the failed collection and why
   *     (nothing complete-looking is left behind), {@link ExitCode#USAGE} for bad filters or an
   *     existing output
   */
  public DumpSummary dump(String mongodbUri, DumpRequest request, DumpProgress progress) {
    if (request.tool() == DumpTool.MONGODUMP) {
      return new MongodumpRunner(stdout, env, clock, ids, launcher, cancellation)
          .run(mongodbUri, request, progress);
    }
    ConnectionString cs = connectionString(mongodbUri);
    MongoClientSettings settings =
        MongoClientSettings.builder()
            .applyConnectionString(cs)
            .applicationName("restore-dump")
            .build();
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    try (MongoClient client = MongoClients.create(settings);
        Pools pools = Pools.create();
        DumpTarget target = target(request, pools)) {
      cancellation.onCancel(client::close);
      Catalog catalog = new Catalog(client);
      String serverVersion;
      List<CollectionPlan> plans;
      try {
        serverVersion = catalog.serverVersion();
        plans = catalog.plan(request.filter());
      } catch (MongoException | IllegalStateException e) {
        throw new RestoreException(
            ExitCode.DUMP_FAILED,
            "cannot list the collections of " + cs.getHosts() + ": " + DumpRun.describe(e),
            "check that the server is running and the URI (user, password, authSource) is right",
            e);
      }
      OutputChecks.freeSpace(request, plans);
      progress.planned(plans);
      String failure = null;
      String archiveCheck = null;
      List<CollectionResult> results = List.of();
      try {
        target.begin(plans, serverVersion);
        results = new DumpRun(client, target, request, progress, cancellation).runAll(plans);
        List<CollectionResult> failed =
            results.stream().filter(r -> r.status() == CollectionResult.Status.FAILED).toList();
        if (!failed.isEmpty()) {
          failure =
              failed.stream().map(r -> r.ns() + ": " + r.error()).collect(Collectors.joining("; "));
        } else if (cancellation.isCancelled()) {
          failure = "the dump was cancelled before every collection was read";
        } else {
          archiveCheck = target.finish(results);
          target.commit();
        }
      } catch (IOException e) {
        failure = "writing " + target.location() + ": " + DumpRun.describe(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RestoreException(
            ExitCode.INTERRUPTED, "dump interrupted; no output was kept", "run it again", e);
      }
      DumpSummary summary =
          new DumpSummary(
              failure == null,
              formatName(request),
              target.location(),
              started,
              Duration.ofNanos(System.nanoTime() - t0),
              results,
              archiveCheck,
              failure,
              target.upload());
      writeSummary(request, summary);
      progress.done(summary);
      if (failure != null) {
        throw new RestoreException(
            ExitCode.DUMP_FAILED,
            "dump failed, " + target.location() + " was not written: " + failure,
            "fix the cause and run the dump again (the partial output was removed)");
      }
      return summary;
    }
  }

  /**
   * Stops a running {@link #dump} at once (thread-safe, idempotent): it then fails as usual and
   * removes its partial output. Used when restore is asked to stop or its mongod exits mid-dump.
   */
  public void cancel() {
    cancellation.cancel();
  }

  private DumpTarget target(DumpRequest request, Pools pools) {
    return target(request, pools, ids.get(), stdout);
  }

  /** The target that writes {@code request}'s output; a stdout archive goes to {@code stdout}. */
  static DumpTarget target(DumpRequest request, Pools pools, String id, OutputStream stdout) {
    DumpOutput out = request.output();
    if (out instanceof DumpOutput.Directory d) {
      return new DirectoryTarget(d.dir(), request, null, id, pools);
    }
    if (out instanceof DumpOutput.Jsonl j) {
      return new DirectoryTarget(j.dir(), request, j.jsonFormat(), id, pools);
    }
    if (out instanceof DumpOutput.UploadedArchive u) {
      return ArchiveTarget.upload(u, request, id, pools);
    }
    if (out instanceof DumpOutput.UploadedDirectory u) {
      return new StoreDirectoryTarget(u, request, pools);
    }
    DumpOutput.Archive a = (DumpOutput.Archive) out;
    return new ArchiveTarget(a.file(), stdout, request, id, pools);
  }

  static String formatName(DumpRequest r) {
    DumpOutput o = r.output();
    String base =
        o instanceof DumpOutput.Archive || o instanceof DumpOutput.UploadedArchive
            ? "archive"
            : o instanceof DumpOutput.Jsonl
                    || (o instanceof DumpOutput.UploadedDirectory u && u.jsonFormat().isPresent())
                ? "jsonl"
                : "directory";
    return r.gzip() ? base + "+gzip" : base;
  }

  static ConnectionString connectionString(String uri) {
    try {
      return new ConnectionString(uri);
    } catch (IllegalArgumentException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--uri is not a MongoDB connection string: " + e.getMessage(),
          "use mongodb://host:port/ (add ?authSource=admin etc. as needed)");
    }
  }

  /** Written even when the dump failed: cron jobs read it to learn what went wrong. */
  static void writeSummary(DumpRequest request, DumpSummary summary) {
    if (request.summaryJson().isEmpty()) {
      return;
    }
    Path file = request.summaryJson().get().toAbsolutePath();
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(tmp, summary.toJson() + "\n", StandardCharsets.UTF_8);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.DUMP_FAILED,
          "cannot write --summary-json " + file + ": " + e.getMessage(),
          "check that its directory is writable",
          e);
    }
  }

  /** {@code <pid>-<start ticks>-<random>} in hex: {@link OutputChecks} tells a dead owner by it. */
  static String randomId() {
    io.restore.mongod.ProcessIdentity me = io.restore.mongod.ProcessIdentity.current();
    return Long.toHexString(me.pid())
        + "-"
        + Long.toHexString(me.startTicks())
        + "-"
        + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
  }
}
