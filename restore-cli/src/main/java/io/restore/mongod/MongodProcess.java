package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * A supervised mongod: started through the launch's {@link io.restore.process.Launcher} (plain
 * ProcessBuilder: we need the Process for its pid and signals), its output followed into a {@link
 * MongodLog}, guarded by a {@link Watchdog}, stopped by the {@link ShutdownLadder}. {@link
 * #close()} is idempotent and safe from a shutdown hook (docs/design/style.md 3.5).
 *
 * <pre>{@code
 * try (MongodProcess mongod = MongodProcess.start(launch, p -> claim.record(...))) {
 *   job.run(mongod.uri());
 * }   // shutdown command -> SIGTERM -> loud SIGKILL; report via mongod.stopReport()
 * }</pre>
 */
public final class MongodProcess implements AutoCloseable, ReadinessTarget {
  private final MongodLaunch launch;
  private final MongodLog log;
  private final Process process;
  private final ProcessIdentity identity;
  private final CompletableFuture<Integer> rawExit;
  private final CompletableFuture<MongodExit> onExit = new CompletableFuture<>();
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final CompletableFuture<StopReport> stopped = new CompletableFuture<>();
  private final CompletableFuture<Void> faster = new CompletableFuture<>();
  private final Watchdog watchdog;

  private MongodProcess(
      MongodLaunch launch,
      MongodLog log,
      Process process,
      CompletableFuture<Integer> rawExit,
      Watchdog watchdog) {
    this.launch = launch;
    this.log = log;
    this.process = process;
    this.rawExit = rawExit;
    this.watchdog = watchdog;
    this.identity = ProcessIdentity.ofChild(process.pid());
    rawExit.whenComplete(
        (code, err) -> {
          int c = code == null ? -1 : code;
          synchronized (this) {
            notifyAll(); // wake readiness waits polling this target
          }
          onExit.complete(
              new MongodExit(c, stopping.get(), ExitExplanation.of(OptionalInt.of(c), log)));
        });
  }

  /**
   * Launches mongod, runs {@code afterLaunch} (e.g. write the session record: the pid is known, the
   * port not yet), then waits for {@link Readiness#standard()} within the launch's start-up
   * timeout. On any failure mongod is stopped before the exception leaves.
   *
   * @throws MongodStartException mongod exited, logged a fatal line, or was not ready in time
   * @throws RestoreException {@link ExitCode#MONGOD_FAILED} when it could not even be spawned
   */
  public static MongodProcess start(MongodLaunch launch, Consumer<MongodProcess> afterLaunch)
      throws InterruptedException {
    MongodProcess p = launch(launch);
    try {
      afterLaunch.accept(p);
      p.awaitReady(Readiness.standard(), Deadline.after(launch.startupTimeout()));
      return p;
    } catch (RuntimeException | InterruptedException | Error e) {
      p.close();
      throw e;
    }
  }

  /** Spawns mongod and starts following its output and the watchdog; does not wait for it. */
  public static MongodProcess launch(MongodLaunch launch) {
    MongodCommand cmd = launch.command();
    MongodLog log = MongodLog.to(launch.logFile(), launch.tailLines(), cmd.secrets());
    log.accept("restore: starting " + cmd.display());
    // Its own session and process group: Ctrl-C in restore's terminal then reaches restore alone,
    // which stops mongod in its own order (shutdown command first) instead of racing mongod's own
    // SIGINT handling.
    List<String> argv = new ArrayList<>();
    argv.add(cmd.binary().toString());
    argv.addAll(cmd.args());
    ProcessBuilder pb = new ProcessBuilder(ProcessGroup.ownGroup(argv));
    pb.environment().clear();
    pb.environment().putAll(launch.environment());
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    Process process;
    try {
      process = launch.launcher().start(pb);
    } catch (IOException e) {
      log.close();
      throw new RestoreException(
          ExitCode.MONGOD_FAILED,
          "cannot start " + cmd.binary() + ": " + e.getMessage(),
          "check that --mongod points at a mongod binary for this machine",
          e);
    }
    // Exit is "complete" only once both outputs are read to their end: callers then see every line.
    CompletableFuture<Void> stdout = follow(process.getInputStream(), log, "mongod-stdout");
    CompletableFuture<Void> stderr = follow(process.getErrorStream(), log, "mongod-stderr");
    CompletableFuture<Integer> exit =
        process
            .onExit()
            .thenCombine(CompletableFuture.allOf(stdout, stderr), (p, read) -> p.exitValue());
    Watchdog watchdog = null;
    if (launch.watchdogGrace().isPresent()) {
      try {
        watchdog =
            Watchdog.guard(
                launch.launcher(),
                ProcessIdentity.ofChild(process.pid()),
                launch.watchdogGrace().get(),
                launch.watchdogOutput());
      } catch (RestoreException e) {
        process.destroy();
        log.close();
        throw e;
      }
    }
    return new MongodProcess(launch, log, process, exit, watchdog);
  }

  /** Copies a child's output into the log line by line, on a daemon thread, to its end. */
  private static CompletableFuture<Void> follow(InputStream in, MongodLog log, String name) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  log.accept(line);
                }
              } catch (IOException e) {
                // the pipe closed under us: the process is gone
              } finally {
                done.complete(null);
              }
            },
            name);
    t.setDaemon(true);
    t.start();
    return done;
  }

  /**
   * Waits until {@code check} passes. On failure mongod is stopped (never left half-started) and
   * the exception names the cause, the exit code's meaning and the last log lines.
   */
  public void awaitReady(ReadinessCheck check, Deadline deadline) throws InterruptedException {
    try {
      check.await(this, deadline);
    } catch (RuntimeException | InterruptedException e) {
      close();
      throw e;
    }
  }

  public long pid() {
    return identity.pid();
  }

  /** pid plus start time, for the session record and the watchdog. */
  public ProcessIdentity identity() {
    return identity;
  }

  /** The port mongod announced in log id 23016 (the real one with {@code --port 0}). */
  public OptionalInt port() {
    return log.first(ExitExplanation.LOG_WAITING_FOR_CONNECTIONS)
        .map(l -> l.intAttr("port"))
        .orElse(OptionalInt.empty());
  }

  /** {@code mongodb://host:port/?directConnection=true}; only once the port is known. */
  public String uri() {
    int p =
        port()
            .orElseThrow(() -> new IllegalStateException("mongod has not announced its port yet"));
    String host = connectHost();
    String h = host.contains(":") ? "[" + host + "]" : host;
    return "mongodb://" + h + ":" + p + "/?directConnection=true";
  }

  @Override
  public String connectHost() {
    String first = launch.command().bindIp().split(",")[0].strip();
    if (first.equals("0.0.0.0")
        || first.isEmpty()
        || launch.command().bindIp().contains("127.0.0.1")) {
      return "127.0.0.1";
    }
    if (first.equals("::")) {
      return "::1";
    }
    return first;
  }

  @Override
  public boolean isAlive() {
    return process.isAlive() && !rawExit.isDone();
  }

  /** Present once mongod has exited and its output is fully read. */
  @Override
  public OptionalInt exitCode() {
    Integer c = rawExit.getNow(null);
    return c == null ? OptionalInt.empty() : OptionalInt.of(c);
  }

  /**
   * A second stop request (Ctrl-C again): {@link #stop()}, running or still to come, skips the wait
   * after the shutdown command and sends SIGTERM at once; never SIGKILL sooner ({@link
   * ShutdownLadder}). Safe from any thread, e.g. a signal handler's.
   */
  public void stopFaster() {
    faster.complete(null);
  }

  /** Completes when mongod exits, whoever caused it; {@code requested()} tells which. */
  public CompletableFuture<MongodExit> onExit() {
    return onExit;
  }

  @Override
  public MongodLog log() {
    return log;
  }

  public Path logFile() {
    return log.file();
  }

  public MongodCommand command() {
    return launch.command();
  }

  public Optional<Watchdog> watchdog() {
    return Optional.ofNullable(watchdog);
  }

  /**
   * Stops mongod through the ladder; idempotent and thread-safe: later and concurrent calls wait
   * for the first one's report. Then disarms the watchdog (only once mongod is gone) and closes the
   * log.
   */
  public StopReport stop() throws InterruptedException {
    if (!stopping.compareAndSet(false, true)) {
      try {
        return stopped.get();
      } catch (ExecutionException e) {
        throw new IllegalStateException("stopping mongod failed", e.getCause());
      }
    }
    StopReport report;
    try {
      report = new ShutdownLadder(launch.shutdown(), launch.progress(), faster).stop(target());
    } catch (RuntimeException | InterruptedException e) {
      stopped.completeExceptionally(e);
      throw e;
    }
    if (report.rung() != StopReport.Rung.STILL_RUNNING && watchdog != null) {
      watchdog.disarm();
    }
    if (report.rung() != StopReport.Rung.STILL_RUNNING) {
      log.close();
    }
    stopped.complete(report);
    return report;
  }

  /** The report of the stop, once {@link #stop()} or {@link #close()} has finished. */
  public Optional<StopReport> stopReport() {
    return Optional.ofNullable(stopped.getNow(null));
  }

  /** {@link #stop()} without the checked exception (keeps the interrupt flag). */
  @Override
  public void close() {
    try {
      StopReport r = stop();
      if (!r.clean()) {
        launch.progress().accept(r.describe());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private ShutdownLadder.Target target() {
    MongodProcess self = this;
    return new ShutdownLadder.Target() {
      @Override
      public String describe() {
        return "mongod (pid " + pid() + ")";
      }

      @Override
      public boolean isAlive() {
        return self.isAlive();
      }

      @Override
      public OptionalInt port() {
        return self.port();
      }

      @Override
      public String connectHost() {
        return self.connectHost();
      }

      @Override
      public void terminate() {
        process.destroy(); // SIGTERM on Unix
      }

      @Override
      public void kill() {
        process.destroyForcibly(); // SIGKILL
      }

      @Override
      public boolean awaitExit(Duration timeout) throws InterruptedException {
        try {
          rawExit.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
          return true;
        } catch (TimeoutException e) {
          return false;
        } catch (ExecutionException e) {
          return !process.isAlive();
        }
      }

      @Override
      public OptionalInt exitCode() {
        return self.exitCode();
      }
    };
  }
}
