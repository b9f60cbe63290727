package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.MongodProcess;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

/**
 * A cluster's mongods, one per component, each supervised as a single session's is (readiness,
 * shutdown ladder, watchdog: {@link SessionSteps#startMongod}). They start {@code parallel} at a
 * time; the first failure, or a stop request, stops every one already launched and starts no more.
 * Closing stops them all, in parallel, each through its own ladder, and waits for every one.
 */
final class ComponentMongods implements AutoCloseable {
  private final List<ClusterComponent> components;
  private final SessionSteps steps;
  private final MongodProcess[] launched;
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final AtomicReference<RuntimeException> firstFailure = new AtomicReference<>();

  private ComponentMongods(List<ClusterComponent> components, SessionSteps steps) {
    this.components = components;
    this.steps = steps;
    this.launched = new MongodProcess[components.size()];
  }

  static ComponentMongods start(
      List<ClusterComponent> components,
      int parallel,
      Function<ClusterComponent, SessionSteps.Launch> launches,
      ComponentClaims claims,
      SessionSteps steps,
      StopSignals signals)
      throws InterruptedException {
    ComponentMongods m = new ComponentMongods(components, steps);
    // Ctrl-C while they start: stop every launched mongod now; their waits then fail.
    signals.onStop(m::abort);
    ExecutorService pool =
        Executors.newFixedThreadPool(
            parallel,
            r -> {
              Thread t = new Thread(r, "mongod-start");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> starts = new ArrayList<>();
      for (ClusterComponent c : components) {
        starts.add(pool.submit(() -> m.startOne(c, launches.apply(c), claims, signals)));
      }
      for (Future<?> f : starts) {
        try {
          f.get();
        } catch (ExecutionException e) {
          // recorded by startOne; an Error is a bug and goes up as one
          if (e.getCause() instanceof Error err) {
            throw err;
          }
        }
      }
    } catch (InterruptedException | RuntimeException | Error e) {
      m.abort();
      m.close();
      throw e;
    } finally {
      pool.shutdownNow();
    }
    RuntimeException failure = m.firstFailure.get();
    if (failure != null || signals.isRequested()) {
      m.close();
      SessionSteps.checkNotStopped(signals);
      throw failure;
    }
    signals.onStop(() -> {});
    return m;
  }

  private void startOne(
      ClusterComponent c, SessionSteps.Launch launch, ComponentClaims claims, StopSignals signals) {
    if (aborted.get()) {
      return;
    }
    try {
      steps.startMongod(
          launch,
          claims.get(c.index()),
          signals,
          p -> {
            synchronized (launched) {
              launched[c.index()] = p;
            }
            if (aborted.get()) {
              stopLater(p); // launched just as another one failed
            }
          });
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      fail(SessionSteps.interrupted("the session was interrupted"));
    } catch (RestoreException e) {
      fail(
          e.exitCode() == ExitCode.INTERRUPTED || aborted.get()
              ? e
              : ClusterComponent.naming(c.shown(), e));
    } catch (RuntimeException e) {
      fail(e);
    }
  }

  /** The first failure is the one reported; it stops the others (their failures follow from it). */
  private void fail(RuntimeException e) {
    if (firstFailure.compareAndSet(null, e)) {
      abort();
    }
  }

  /** Stops every launched mongod without waiting; no more are started. */
  private void abort() {
    aborted.set(true);
    for (MongodProcess p : snapshot()) {
      stopLater(p);
    }
  }

  private static void stopLater(MongodProcess p) {
    daemon("mongod-stop", p::close).start();
  }

  private static Thread daemon(String name, Runnable r) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  private List<MongodProcess> snapshot() {
    synchronized (launched) {
      List<MongodProcess> out = new ArrayList<>();
      for (MongodProcess p : launched) {
        if (p != null) {
          out.add(p);
        }
      }
      return out;
    }
  }

  MongodProcess get(int index) {
    return launched[index];
  }

  List<MongodProcess> all() {
    return snapshot();
  }

  /** Completes when any one of them exits. */
  CompletableFuture<Object> anyExit() {
    return CompletableFuture.anyOf(
        snapshot().stream().map(MongodProcess::onExit).toArray(CompletableFuture[]::new));
  }

  /** A mongod that ended on its own during the job: exit 6 naming its component. */
  void failIfAnyDied(StopSignals signals) {
    for (ClusterComponent c : components) {
      MongodProcess p = launched[c.index()];
      if (p != null) {
        SessionSteps.failIfMongodDied(p, signals, "the mongod for " + c.shown());
      }
    }
  }

  /** Every mongod through its shutdown ladder, in parallel; each one's stop is reported. */
  @Override
  public void close() {
    List<Thread> stops = new ArrayList<>();
    for (ClusterComponent c : components) {
      MongodProcess p;
      synchronized (launched) {
        p = launched[c.index()];
      }
      if (p == null) {
        continue;
      }
      Thread t =
          daemon(
              "mongod-stop",
              () -> {
                try {
                  steps.report(p.stop(), "mongod for " + c.shown());
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              });
      t.start();
      stops.add(t);
    }
    boolean interrupted = false;
    for (Thread t : stops) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true; // the ladders must finish: never leave a mongod behind
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
