package io.restore.dump;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * On a terminal: a bar per running collection (documents, rate, ETA from the estimated count) and
 * one for the total. Bars go to stderr so an archive can stream on stdout.
 */
public final class BarProgress implements DumpProgress {
  private final PrintStream err;
  private final Map<Namespace, ProgressBar> bars = new ConcurrentHashMap<>();
  private volatile ProgressBar total;

  public BarProgress(PrintStream err) {
    this.err = err;
  }

  @Override
  public void planned(List<CollectionPlan> plans) {
    long max = plans.stream().mapToLong(CollectionPlan::estimatedCount).sum();
    total = bar("total", max);
  }

  @Override
  public void started(CollectionPlan plan) {
    if (plan.hasData()) {
      bars.put(plan.ns(), bar(plan.ns().toString(), plan.estimatedCount()));
    }
  }

  @Override
  public void advanced(Namespace ns, long documents, long bytes) {
    ProgressBar b = bars.get(ns);
    if (b != null) {
      b.stepBy(documents);
      b.setExtraMessage(LogLineProgress.bytes(bytes));
    }
    ProgressBar t = total;
    if (t != null) {
      t.stepBy(documents);
    }
  }

  @Override
  public void finished(CollectionResult result) {
    ProgressBar b = bars.remove(result.ns());
    if (b != null) {
      b.maxHint(result.documents());
      b.stepTo(result.documents());
      b.close();
    }
  }

  @Override
  public void done(DumpSummary summary) {
    bars.values().forEach(ProgressBar::close);
    ProgressBar t = total;
    if (t != null) {
      t.close();
    }
    new LogLineProgress(new java.io.PrintWriter(err, true)).done(summary);
  }

  private ProgressBar bar(String name, long max) {
    return new ProgressBarBuilder()
        .setTaskName(name.length() > 40 ? name.substring(0, 37) + "..." : name)
        .setInitialMax(Math.max(max, 1))
        .setStyle(ProgressBarStyle.ASCII)
        .setUnit(" docs", 1)
        .showSpeed()
        .setConsumer(new ConsoleProgressBarConsumer(err))
        .build();
  }
}
