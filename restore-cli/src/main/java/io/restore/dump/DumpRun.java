package io.restore.dump;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.RawBsonDocument;

/**
 * Reads up to N collections at once, largest first; each reader hands chunks to its collection's
 * writer, then checks the dumped count against the server's. The first failure cancels the rest.
 */
final class DumpRun {
  private final MongoClient client;
  private final DumpTarget target;
  private final DumpRequest request;
  private final DumpProgress progress;

  private final AtomicBoolean cancelled = new AtomicBoolean();
  private final DumpCancellation cancellation;

  DumpRun(
      MongoClient client,
      DumpTarget target,
      DumpRequest request,
      DumpProgress progress,
      DumpCancellation cancellation) {
    this.client = client;
    this.cancellation = cancellation;
    this.target = target;
    this.request = request;
    this.progress = progress;
  }

  List<CollectionResult> runAll(List<CollectionPlan> plans) throws InterruptedException {
    ExecutorService readers = Pools.readers(request.parallelCollections());
    List<Future<CollectionResult>> futures = new CopyOnWriteArrayList<>();
    // Cancel: running readers are interrupted (their client is closed by the Dumper), queued ones
    // never start; each cancelled future then reads as a cancelled collection below.
    cancellation.onCancel(
        () -> {
          cancelled.set(true);
          futures.forEach(f -> f.cancel(true));
        });
    try {
      for (CollectionPlan p : plans) {
        futures.add(readers.submit(() -> dumpOne(p)));
      }
      if (cancelled.get()) {
        futures.forEach(f -> f.cancel(true)); // cancelled while submitting
      }
      List<CollectionResult> results = new ArrayList<>();
      for (int i = 0; i < plans.size(); i++) {
        try {
          results.add(futures.get(i).get());
        } catch (CancellationException e) {
          results.add(
              finished(
                  plans.get(i),
                  0,
                  0,
                  System.nanoTime(),
                  CollectionResult.Status.CANCELLED,
                  "cancelled"));
        } catch (ExecutionException e) {
          throw new IllegalStateException("dumpOne never throws", e.getCause());
        }
      }
      return results;
    } catch (InterruptedException e) {
      cancelled.set(true);
      throw e;
    } finally {
      if (!Pools.stopReaders(readers)) {
        cancelled.set(true);
      }
    }
  }

  private CollectionResult dumpOne(CollectionPlan plan) {
    long t0 = System.nanoTime();
    if (cancelled.get()) {
      return finished(plan, 0, 0, t0, CollectionResult.Status.CANCELLED, "cancelled");
    }
    progress.started(plan);
    if (!plan.hasData()) {
      try {
        target.metadataOnly(plan);
        return finished(plan, 0, 0, t0, CollectionResult.Status.METADATA_ONLY, null);
      } catch (IOException | RuntimeException e) {
        return failed(plan, 0, 0, t0, "writing its metadata: " + describe(e));
      } catch (InterruptedException e) {
        return finished(plan, 0, 0, t0, CollectionResult.Status.CANCELLED, "interrupted");
      }
    }
    MongoCollection<RawBsonDocument> coll = CollectionReader.documentsOf(client, plan);
    CollectionSink sink = null;
    long[] seen = new long[2];
    try {
      sink = target.sinkFor(plan);
      CollectionReader.Counted c =
          new CollectionReader(cancelled)
              .readAndCount(
                  coll,
                  request.filter().queryDocument(),
                  plan,
                  sink,
                  (d, b) -> {
                    seen[0] += d;
                    seen[1] += b;
                    progress.advanced(plan.ns(), d, b);
                  });
      CollectionReader.Result r = c.read();
      if (c.serverCount() != r.documents()) {
        return failed(
            plan,
            r.documents(),
            r.bytes(),
            t0,
            c.serverCount(),
            "dumped " + r.documents() + " documents but the server counts " + c.serverCount());
      }
      return finished(
          plan,
          r.documents(),
          r.bytes(),
          t0,
          c.serverCount(),
          CollectionResult.Status.VERIFIED,
          null);
    } catch (InterruptedException e) {
      abort(sink);
      return finished(
          plan,
          seen[0],
          seen[1],
          t0,
          CollectionResult.Status.CANCELLED,
          "stopped because another collection failed");
    } catch (IOException | RuntimeException e) {
      abort(sink);
      return failed(plan, seen[0], seen[1], t0, readerFailure(e));
    }
  }

  private static void abort(CollectionSink sink) {
    if (sink != null) {
      sink.abort();
    }
  }

  private CollectionResult failed(CollectionPlan p, long docs, long bytes, long t0, String why) {
    return failed(p, docs, bytes, t0, -1, why);
  }

  private CollectionResult failed(
      CollectionPlan p, long docs, long bytes, long t0, long count, String why) {
    cancelled.set(true);
    return finished(p, docs, bytes, t0, count, CollectionResult.Status.FAILED, why);
  }

  private CollectionResult finished(
      CollectionPlan p, long docs, long bytes, long t0, CollectionResult.Status s, String why) {
    return finished(p, docs, bytes, t0, -1, s, why);
  }

  private CollectionResult finished(
      CollectionPlan p,
      long docs,
      long bytes,
      long t0,
      long count,
      CollectionResult.Status s,
      String why) {
    CollectionResult r =
        new CollectionResult(
            p.ns(), p.type(), docs, bytes, count, Duration.ofNanos(System.nanoTime() - t0), s, why);
    progress.finished(r);
    return r;
  }

  /** Why a reader failed: which side (the server or the output), then {@link #describe}. */
  static String readerFailure(Exception e) {
    if (e instanceof MongoException) {
      return "reading from the server: " + describe(e);
    }
    if (e instanceof IOException) {
      return "writing the output: " + describe(e);
    }
    return describe(e);
  }

  /** The innermost useful message: "No space left on device", "Connection refused"... */
  static String describe(Throwable e) {
    String msg = e.getMessage();
    Throwable c = e.getCause();
    while (c != null && c != c.getCause()) {
      if (c.getMessage() != null && (msg == null || !msg.contains(c.getMessage()))) {
        msg = (msg == null ? "" : msg + ": ") + c.getMessage();
      }
      c = c.getCause();
    }
    return msg == null ? "no details given" : msg; // a Java class name means nothing to a user
  }
}
