package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.session.ClusterRequest;
import io.restore.source.OpenedSource;
import io.restore.source.SourceTarget;
import io.restore.source.Sources;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Model.CommandSpec;

/**
 * The components of a sharded cluster (several SOURCEs, or one atlas:// source whose job lists
 * several), each resolved to its dbpath as a single source is, up to {@link #PARALLEL_ENV} (4) of
 * them at once (docs/design/sources.md, "Several sources"); closing removes every work folder. On
 * the first failure the others are stopped (interrupted) and every work folder is removed before
 * the error, naming the component, leaves.
 */
final class ClusterSources implements AutoCloseable {
  static final String PARALLEL_ENV = "RESTORE_PARALLEL_DOWNLOADS";
  static final int DEFAULT_PARALLEL = 4;

  /** How long stopped downloads get to end and remove their folders before the error leaves. */
  private static final long STOP_WAIT_SECONDS = 120;

  private final OpenedSource[] opened;
  private final List<SourceTarget> targets;
  private boolean abandoned;

  private ClusterSources(List<SourceTarget> targets) {
    this.targets = List.copyOf(targets);
    this.opened = new OpenedSource[targets.size()];
  }

  /** One component's outcome, as the workers report it to the waiting thread. */
  private record Done(int index, RuntimeException failure) {}

  static ClusterSources open(
      List<SourceTarget> targets,
      SourceOptions options,
      CommandSpec spec,
      Map<String, String> env) {
    ClusterSources out = new ClusterSources(targets);
    int threads = Math.min(parallel(env), targets.size());
    AtomicInteger n = new AtomicInteger();
    ExecutorService pool =
        Executors.newFixedThreadPool(
            threads,
            r -> {
              Thread t = new Thread(r, "restore-fetch-" + n.incrementAndGet());
              t.setDaemon(true); // Ctrl-C: the work folders' own hooks remove what was written
              return t;
            });
    LinkedBlockingQueue<Done> done = new LinkedBlockingQueue<>();
    for (int i = 0; i < targets.size(); i++) {
      int index = i;
      pool.execute(
          () -> {
            try {
              OpenedSource s =
                  options.openAlongsideOthers(targets.get(index), Sources.Need.SNAPSHOT, spec, env);
              out.keep(index, s);
              done.add(new Done(index, null));
            } catch (RuntimeException e) {
              done.add(new Done(index, e));
            }
          });
    }
    pool.shutdown();
    try {
      for (int left = targets.size(); left > 0; left--) {
        Done d = done.take();
        if (d.failure() != null) {
          throw naming(targets.get(d.index()), d.failure());
        }
      }
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out.stop(pool);
      throw new RestoreException(
          ExitCode.INTERRUPTED,
          "interrupted while fetching the components",
          "run the command again");
    } catch (RuntimeException e) {
      out.stop(pool);
      throw e;
    }
  }

  /**
   * Stops the downloads still running and removes every work folder: the ones already opened now,
   * the ones being written by their own failure path (waited for), any finishing late by {@link
   * #keep}.
   */
  private void stop(ExecutorService pool) {
    pool.shutdownNow();
    try {
      pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    close();
  }

  private synchronized void keep(int index, OpenedSource s) {
    if (abandoned) {
      s.close();
      return;
    }
    opened[index] = s;
  }

  /** {@code RESTORE_PARALLEL_DOWNLOADS}: 1 fetches one component after the other. */
  static int parallel(Map<String, String> env) {
    String v = env.get(PARALLEL_ENV);
    if (v == null || v.isBlank()) {
      return DEFAULT_PARALLEL;
    }
    try {
      int n = Integer.parseInt(v.strip());
      if (n >= 1 && n <= 64) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new RestoreException(
        ExitCode.USAGE,
        PARALLEL_ENV + "=" + v + " is not a number of downloads from 1 to 64",
        "unset it (" + DEFAULT_PARALLEL + " at once) or set e.g. 1 (one after the other)");
  }

  /**
   * An Atlas component's link says little (a token folder and a file name): its error names the
   * component and the job. A SOURCE given on the command line is named by its own message.
   */
  private static RuntimeException naming(SourceTarget t, RuntimeException e) {
    if (t.component().isEmpty() || !(e instanceof RestoreException r)) {
      return e;
    }
    return new RestoreException(
        r.exitCode(), "component " + t.shown() + ": " + r.getMessage(), r.nextStep(), r);
  }

  synchronized List<ClusterRequest.Source> sources() {
    List<ClusterRequest.Source> out = new ArrayList<>();
    for (int i = 0; i < opened.length; i++) {
      out.add(new ClusterRequest.Source(targets.get(i).shown(), opened[i].dbpath()));
    }
    return List.copyOf(out);
  }

  @Override
  public synchronized void close() {
    abandoned = true;
    for (int i = opened.length - 1; i >= 0; i--) {
      if (opened[i] != null) {
        opened[i].close();
        opened[i] = null;
      }
    }
  }
}
