package io.restore.dump;

import io.restore.output.Console;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The terminal display of a dump: one line per running collection and a total line, redrawn in
 * place a few times a second (the console's live block); each finished collection is printed once,
 * as a permanent line above them. Off a terminal the console draws nothing live and only the
 * permanent lines remain (see {@link LogLineProgress}).
 */
public final class LiveProgress implements DumpProgress {
  private static final long REDRAW_MILLIS = 250;

  private final Console console;
  private final LogLineProgress lines;
  // Concurrent: readers update their counters without a lock (the dump's hot path).
  private final Map<Namespace, Running> running = new ConcurrentHashMap<>();
  private final AtomicLong totalDocs = new AtomicLong();
  private final AtomicLong totalBytes = new AtomicLong();
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private long estimatedTotal;
  private int collections;
  private int finished;
  private boolean planned;

  public LiveProgress(Console console) {
    this.console = console;
    this.lines = new LogLineProgress(console);
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dump-progress");
              t.setDaemon(true);
              return t;
            });
    ticker.scheduleWithFixedDelay(
        this::redraw, REDRAW_MILLIS, REDRAW_MILLIS, TimeUnit.MILLISECONDS);
  }

  /** A running collection's counters; written by its reader thread, read by the ticker. */
  private static final class Running {
    final String name;
    final long estimated;
    final long startNanos = System.nanoTime();
    final AtomicLong docs = new AtomicLong();
    final AtomicLong bytes = new AtomicLong();

    Running(String name, long estimated) {
      this.name = name;
      this.estimated = estimated;
    }
  }

  @Override
  public synchronized void planned(List<CollectionPlan> plans) {
    estimatedTotal = plans.stream().mapToLong(CollectionPlan::estimatedCount).sum();
    collections = plans.size();
    planned = true;
  }

  @Override
  public void started(CollectionPlan plan) {
    synchronized (this) {
      running.put(plan.ns(), new Running(plan.ns().toString(), plan.estimatedCount()));
    }
    redraw(); // once per collection: a short collection is seen running at least once
  }

  @Override
  public void advanced(Namespace ns, long documents, long bytes) {
    Running r = running.get(ns);
    if (r != null) {
      r.docs.addAndGet(documents);
      r.bytes.addAndGet(bytes);
    }
    totalDocs.addAndGet(documents);
    totalBytes.addAndGet(bytes);
  }

  @Override
  public void finished(CollectionResult result) {
    synchronized (this) {
      running.remove(result.ns());
      finished++;
    }
    // Live lines first without it, then its permanent line above them: each collection is on
    // screen once, running or finished.
    redraw();
    lines.finished(result);
  }

  @Override
  public void done(DumpSummary summary) {
    ticker.shutdownNow();
    try {
      ticker.awaitTermination(1, TimeUnit.SECONDS); // a redraw in flight must not follow the clear
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      planned = false;
      running.clear();
    }
    console.clearLive();
    lines.done(summary);
  }

  void redraw() {
    List<String> block = new ArrayList<>();
    long now = System.nanoTime();
    synchronized (this) {
      if (!planned) {
        return;
      }
      int nameWidth =
          Math.min(40, running.values().stream().mapToInt(r -> r.name.length()).max().orElse(5));
      nameWidth = Math.max(nameWidth, 5);
      List<Running> byStart =
          running.values().stream().sorted(Comparator.comparingLong(r -> r.startNanos)).toList();
      for (Running r : byStart) {
        block.add(
            "  "
                + pad(r.name, nameWidth)
                + "  "
                + describe(r.docs.get(), r.estimated, r.bytes.get(), now - r.startNanos));
      }
      block.add(
          "  "
              + pad("total", nameWidth)
              + "  "
              + describe(totalDocs.get(), estimatedTotal, totalBytes.get(), now - startNanos)
              + String.format(Locale.ROOT, "  [%d/%d collections]", finished, collections));
    }
    console.live(block);
  }

  /** {@code 12,345/50,000 docs 24% 3.2 MiB 8,100 docs/s ETA 0:05}; no rate before 1 s. */
  static String describe(long docs, long estimated, long bytes, long elapsedNanos) {
    StringBuilder b = new StringBuilder();
    if (estimated > 0) {
      b.append(String.format(Locale.ROOT, "%,d/%,d docs", docs, estimated));
      b.append(String.format(Locale.ROOT, " %3d%%", Math.min(100, docs * 100 / estimated)));
    } else {
      b.append(String.format(Locale.ROOT, "%,d docs", docs));
    }
    b.append("  ").append(LogLineProgress.bytes(bytes));
    double seconds = elapsedNanos / 1e9;
    if (seconds >= 1 && docs > 0) {
      double rate = docs / seconds;
      b.append(String.format(Locale.ROOT, "  %,.0f docs/s", rate));
      if (estimated > docs) {
        b.append("  ETA ").append(clock((long) ((estimated - docs) / rate)));
      }
    }
    return b.toString();
  }

  static String clock(long seconds) {
    if (seconds >= 3600) {
      return String.format(
          Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
  }

  private static String pad(String s, int width) {
    if (s.length() > width) {
      return s.substring(0, width - 3) + "...";
    }
    return s + " ".repeat(width - s.length());
  }
}
