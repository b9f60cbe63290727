package io.restore.dump;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * Reads every namespace of a {@link PartedDump} from each server that holds it: one reader per
 * server per namespace, {@code parallelCollections} at once from one queue, largest namespaces
 * first and each namespace's servers together. Each reader keeps its server's own documents and
 * checks that it saw as many as the server counts; a namespace verifies when what was written is
 * what its servers own. The first failure cancels the rest.
 */
final class PartedRun {
  private final DumpTarget target;
  private final DumpRequest request;
  private final DumpProgress progress;
  private final DumpCancellation cancellation;
  private final AtomicBoolean cancelled = new AtomicBoolean();

  PartedRun(
      DumpTarget target,
      DumpRequest request,
      DumpProgress progress,
      DumpCancellation cancellation) {
    this.target = target;
    this.request = request;
    this.progress = progress;
    this.cancellation = cancellation;
  }

  /** What one server's reader found. */
  record PartResult(
      String source,
      long owned,
      long orphans,
      long serverCount,
      long documents,
      long bytes,
      String error,
      boolean stopped) {
    PartResult(
        String source,
        long owned,
        long orphans,
        long serverCount,
        long documents,
        long bytes,
        String error) {
      this(source, owned, orphans, serverCount, documents, bytes, error, false);
    }
  }

  /** One namespace: its result and its parts'. */
  record Outcome(PartedPlan plan, CollectionResult result, List<PartResult> parts) {}

  /** One namespace being read. */
  private final class Running {
    final PartedPlan plan;
    final long t0 = System.nanoTime();
    final List<Future<PartResult>> parts = new ArrayList<>();
    final AtomicBoolean started = new AtomicBoolean();
    SharedSink sink;

    Running(PartedPlan plan) {
      this.plan = plan;
    }
  }

  List<Outcome> runAll(List<PartedPlan> plans) throws InterruptedException {
    // As many readers as a single server's dump runs, not one per server each: the components'
    // mongods share this machine, and fewer threads running the same code spend less CPU for the
    // same throughput (docs/benchmarks.md, "Sharded row", round 2). No reader ever waits for
    // another (SharedSink), so one queue of parts in plan order cannot deadlock.
    ExecutorService readers = Pools.readers(request.parallelCollections());
    List<Running> running = new ArrayList<>();
    cancellation.onCancel(
        () -> {
          cancelled.set(true);
          synchronized (running) {
            running.forEach(r -> r.parts.forEach(f -> f.cancel(true)));
          }
        });
    try {
      for (PartedPlan p : plans) {
        Running r = new Running(p);
        synchronized (running) {
          running.add(r);
        }
        if (!p.plan().hasData()) {
          continue; // a view: its metadata only, below
        }
        int reading = 0;
        for (ReadPart part : p.parts()) {
          if (reads(part)) {
            reading++;
          }
        }
        try {
          r.sink = new SharedSink(target.sinkFor(p.plan()), Math.max(1, reading));
        } catch (IOException e) {
          cancelled.set(true);
          r.parts.add(
              java.util.concurrent.CompletableFuture.completedFuture(
                  failure("output", "writing the output: " + DumpRun.describe(e))));
          break;
        }
        for (ReadPart part : p.parts()) {
          r.parts.add(readers.submit(() -> readPart(r, part)));
        }
      }
      if (cancelled.get()) {
        synchronized (running) {
          running.forEach(r -> r.parts.forEach(f -> f.cancel(true)));
        }
      }
      List<Outcome> out = new ArrayList<>();
      for (Running r : running) {
        out.add(outcome(r));
      }
      for (PartedPlan p : plans.subList(out.size(), plans.size())) {
        out.add(
            new Outcome(
                p,
                result(p, 0, 0, -1, 0, CollectionResult.Status.CANCELLED, "cancelled"),
                List.of()));
      }
      return out;
    } catch (InterruptedException e) {
      cancelled.set(true);
      throw e;
    } finally {
      if (!Pools.stopReaders(readers)) {
        cancelled.set(true);
      }
    }
  }

  private boolean reads(ReadPart part) {
    return !(part.ownership() instanceof ReadPart.PartOwnership.AllOrphans)
        || request.includeOrphans();
  }

  private Outcome outcome(Running r) throws InterruptedException {
    PartedPlan p = r.plan;
    if (!p.plan().hasData()) {
      try {
        target.metadataOnly(p.plan());
        return new Outcome(
            p, result(p, 0, 0, -1, r.t0, CollectionResult.Status.METADATA_ONLY, null), List.of());
      } catch (IOException | RuntimeException e) {
        cancelled.set(true);
        return new Outcome(
            p,
            result(
                p,
                0,
                0,
                -1,
                r.t0,
                CollectionResult.Status.FAILED,
                "writing its metadata: " + DumpRun.describe(e)),
            List.of());
      }
    }
    List<PartResult> parts = new ArrayList<>();
    boolean cancelledPart = false;
    if (r.sink != null && p.parts().stream().noneMatch(this::reads)) {
      // every server's copy is an orphan and none is kept: the namespace is written empty
      try {
        r.sink.complete();
      } catch (IOException e) {
        parts.add(failure("output", "writing the output: " + DumpRun.describe(e)));
      }
    }
    for (int i = 0; i < r.parts.size(); i++) {
      try {
        PartResult x = r.parts.get(i).get();
        parts.add(x);
        cancelledPart |= x.stopped();
      } catch (CancellationException e) {
        cancelledPart = true;
      } catch (ExecutionException e) {
        throw new IllegalStateException("readPart never throws", e.getCause());
      }
    }
    long docs = parts.stream().mapToLong(PartResult::documents).sum();
    long bytes = parts.stream().mapToLong(PartResult::bytes).sum();
    long expected =
        parts.stream()
            .mapToLong(x -> x.owned() + (request.includeOrphans() ? x.orphans() : 0))
            .sum();
    List<String> errors =
        parts.stream()
            .filter(x -> x.error() != null)
            .map(x -> p.parts().size() > 1 ? "shard " + x.source() + ": " + x.error() : x.error())
            .toList();
    CollectionResult res;
    if (!errors.isEmpty()) {
      res =
          result(
              p, docs, bytes, -1, r.t0, CollectionResult.Status.FAILED, String.join("; ", errors));
    } else if (cancelledPart || cancelled.get() && parts.size() < r.parts.size()) {
      res = result(p, docs, bytes, -1, r.t0, CollectionResult.Status.CANCELLED, "cancelled");
    } else if (docs != expected) {
      cancelled.set(true);
      res =
          result(
              p,
              docs,
              bytes,
              expected,
              r.t0,
              CollectionResult.Status.FAILED,
              "wrote " + docs + " documents but its shards own " + expected);
    } else {
      res = result(p, docs, bytes, expected, r.t0, CollectionResult.Status.VERIFIED, null);
    }
    if (!res.ok() && r.sink != null) {
      r.sink.abort();
    }
    progress.finished(res);
    return new Outcome(p, res, parts);
  }

  private PartResult readPart(Running r, ReadPart part) {
    CollectionPlan plan = r.plan.plan();
    if (cancelled.get()) {
      return stopped(part.source());
    }
    if (r.started.compareAndSet(false, true)) {
      progress.started(plan); // when its first reader starts, not when it is queued
    }
    MongoCollection<RawBsonDocument> coll = CollectionReader.documentsOf(part.client(), plan);
    BsonDocument query = request.filter().queryDocument();
    if (!reads(part)) {
      try {
        long n = coll.countDocuments(query);
        return new PartResult(part.source(), 0, n, n, 0, 0, null);
      } catch (MongoException e) {
        cancelled.set(true);
        return failure(part.source(), "counting its orphans: " + DumpRun.describe(e));
      }
    }
    FilteringSink sink =
        new FilteringSink(
            r.sink,
            part.ownership(),
            request.includeOrphans(),
            (d, b) -> progress.advanced(plan.ns(), d, b));
    try {
      long serverCount =
          new CollectionReader(cancelled)
              .readAndCount(coll, query, plan, sink, (d, b) -> {})
              .serverCount();
      String error = null;
      if (serverCount != sink.owned + sink.orphans) {
        cancelled.set(true);
        error =
            "read "
                + (sink.owned + sink.orphans)
                + " documents but the server counts "
                + serverCount;
      }
      return new PartResult(
          part.source(),
          sink.owned,
          sink.orphans,
          serverCount,
          sink.writtenDocuments,
          sink.writtenBytes,
          error);
    } catch (InterruptedException e) {
      sink.abort();
      return stopped(part.source());
    } catch (IOException | RuntimeException e) {
      return failed(sink, part, DumpRun.readerFailure(e));
    }
  }

  private PartResult failed(FilteringSink sink, ReadPart part, String why) {
    cancelled.set(true);
    sink.abort();
    return new PartResult(
        part.source(), sink.owned, sink.orphans, -1, sink.writtenDocuments, sink.writtenBytes, why);
  }

  private static PartResult stopped(String source) {
    return new PartResult(source, 0, 0, -1, 0, 0, null, true);
  }

  private static PartResult failure(String source, String why) {
    return new PartResult(source, 0, 0, -1, 0, 0, why);
  }

  private static CollectionResult result(
      PartedPlan p,
      long docs,
      long bytes,
      long count,
      long t0,
      CollectionResult.Status s,
      String why) {
    return new CollectionResult(
        p.plan().ns(),
        p.plan().type(),
        docs,
        bytes,
        count,
        Duration.ofNanos(t0 == 0 ? 0 : System.nanoTime() - t0),
        s,
        why);
  }
}
