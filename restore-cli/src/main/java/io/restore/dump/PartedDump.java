package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * One dump whose namespaces are each read from one or more servers, every server's documents
 * filtered by who owns them ({@link ReadPart}): how a sharded cluster is dumped without mongos
 * (docs/design/sharding.md). The output is the single-server dump's (directory, JSON lines, archive
 * file, stdout or object store; docs/design/dump-format.md), complete and verified or absent.
 */
public final class PartedDump {
  private final OutputStream stdout;
  private final Clock clock;
  private final Supplier<String> ids;
  private final DumpCancellation cancellation = new DumpCancellation();

  public PartedDump(OutputStream stdout, Clock clock, Supplier<String> ids) {
    this.stdout = stdout;
    this.clock = clock;
    this.ids = ids;
  }

  /** A new staging id, as the single-server dump makes them. */
  public static String randomId() {
    return Dumper.randomId();
  }

  /** How it went: the summary (ok or not) and, per namespace, each server's counts. */
  public record Result(DumpSummary summary, List<ShardedCounts.NamespaceCounts> namespaces) {}

  /**
   * Writes {@code plans} (largest first is best) to {@code request}'s output. Never throws for a
   * failed collection: the summary says what failed, and nothing complete-looking was left.
   *
   * @param coverageProblems recorded in the summary as they are
   * @throws RestoreException {@link ExitCode#INTERRUPTED} when interrupted
   */
  public Result run(
      String serverVersion,
      List<PartedPlan> plans,
      DumpRequest request,
      List<String> coverageProblems,
      DumpProgress progress) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    List<CollectionPlan> collectionPlans = plans.stream().map(PartedPlan::plan).toList();
    OutputChecks.freeSpace(request, collectionPlans);
    try (Pools pools = Pools.create();
        DumpTarget target = Dumper.target(request, pools, ids.get(), stdout)) {
      progress.planned(collectionPlans);
      String failure = null;
      String archiveCheck = null;
      List<PartedRun.Outcome> outcomes = List.of();
      try {
        target.begin(collectionPlans, serverVersion);
        outcomes = new PartedRun(target, request, progress, cancellation).runAll(plans);
        List<CollectionResult> failed =
            outcomes.stream()
                .map(PartedRun.Outcome::result)
                .filter(r -> r.status() == CollectionResult.Status.FAILED)
                .toList();
        if (!failed.isEmpty()) {
          failure =
              failed.stream().map(r -> r.ns() + ": " + r.error()).collect(Collectors.joining("; "));
        } else if (cancellation.isCancelled()
            || outcomes.stream().anyMatch(o -> !o.result().ok())) {
          failure = "the dump was cancelled before every collection was read";
        } else {
          archiveCheck = target.finish(outcomes.stream().map(PartedRun.Outcome::result).toList());
          target.commit();
        }
      } catch (IOException e) {
        failure = "writing " + target.location() + ": " + DumpRun.describe(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new RestoreException(
            ExitCode.INTERRUPTED, "dump interrupted; no output was kept", "run it again", e);
      }
      List<ShardedCounts.NamespaceCounts> counts = new ArrayList<>();
      for (PartedRun.Outcome o : outcomes) {
        List<ShardedCounts.SourceCount> sources = new ArrayList<>();
        for (PartedRun.PartResult r : o.parts()) {
          sources.add(
              new ShardedCounts.SourceCount(r.source(), r.owned(), r.orphans(), r.serverCount()));
        }
        counts.add(
            new ShardedCounts.NamespaceCounts(
                o.plan().plan().ns(), o.plan().metadataSource(), sources));
      }
      DumpSummary summary =
          new DumpSummary(
              failure == null,
              Dumper.formatName(request),
              target.location(),
              started,
              Duration.ofNanos(System.nanoTime() - t0),
              outcomes.stream().map(PartedRun.Outcome::result).toList(),
              archiveCheck,
              failure,
              target.upload(),
              new ShardedCounts(counts, coverageProblems, request.includeOrphans()));
      return new Result(summary, counts);
    }
  }

  /** Stops a running {@link #run} at once (thread-safe): it then fails and removes its output. */
  public void cancel() {
    cancellation.cancel();
  }

  /** Registers what else ends the dump on {@link #cancel()} (closing its clients). */
  public void onCancel(Runnable action) {
    cancellation.onCancel(action);
  }

  /** --summary-json, when the request names one: written on every outcome. */
  public static void writeSummary(DumpRequest request, DumpSummary summary) {
    Dumper.writeSummary(request, summary);
  }
}
