package io.restore.testkit.mongod;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The mongod stand-in run inside the calling JVM, behind the {@link Process} interface, so a test
 * can hand it to restore's process launcher where a real mongod would be started: the same code as
 * {@code testkit/bin/mongod} (command line, JSON log on stdout, KMIP key fetch, wire protocol, exit
 * codes), without a JVM start per scenario.
 *
 * <p>What a real process has and this one imitates: {@link #destroy()} is SIGTERM (logged and
 * honoured by the stand-in's shutdown, or ignored with {@code STANDIN_IGNORE_SIGTERM=1}), {@link
 * #destroyForcibly()} is SIGKILL (exit 137 at once, output cut off, the server closed), {@link
 * #crash()} is the {@code STANDIN_CRASH_AFTER_SECONDS} fault on demand. {@link #pid()} is the test
 * JVM's: there is no other process. What it cannot imitate (process groups, the watchdog outliving
 * a killed restore, signals through a terminal) stays with the child-process tests.
 */
public final class StandInProcess extends Process {
  private static final int SIGTERM = 15;
  private static final int SIGKILL = 9;

  private final MemoryPipe stdout = new MemoryPipe();
  private final MemoryPipe stderr = new MemoryPipe();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private final MongodStandIn standIn;
  private volatile Thread thread;

  /** Set by a halt: the exit code, whatever the stand-in's thread returns while winding down. */
  private final AtomicReference<Integer> haltCode = new AtomicReference<>();

  /** How long a halt waits for the stand-in's thread to close its server and lock. */
  private static final long RELEASE_TIMEOUT_MILLIS = 10_000;

  private StandInProcess(Map<String, String> env) {
    PrintStream out = new PrintStream(stdout.writer, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(stderr.writer, true, StandardCharsets.UTF_8);
    this.standIn =
        new MongodStandIn(
            env,
            out,
            err,
            new StandInHost() {
              @Override
              public boolean ownsJvm() {
                return false;
              }

              @Override
              public void halt(int code) {
                StandInProcess.this.halt(code);
              }
            });
  }

  /**
   * Starts the stand-in on a thread of this JVM with mongod's command line {@code args} (without
   * the program name) and {@code env} as its environment (the STANDIN_* switches apply).
   */
  public static StandInProcess start(List<String> args, Map<String, String> env) {
    // mongo-java-server logs through slf4j; mongod's own log is the JSON on stdout
    System.setProperty("org.slf4j.simpleLogger.log.de.bwaldvogel", "warn");
    System.setProperty("org.slf4j.simpleLogger.log.io.netty", "warn");
    StandInProcess p = new StandInProcess(Map.copyOf(env));
    Thread t =
        new Thread(
            () -> {
              int code;
              try {
                code = p.standIn.run(args.toArray(String[]::new));
              } catch (RuntimeException | Error e) {
                e.printStackTrace(new PrintStream(p.stderr.writer, true, StandardCharsets.UTF_8));
                code = MongodStandIn.EXIT_UNCAUGHT;
              }
              Integer halted = p.haltCode.get();
              p.finish(halted != null ? halted : code);
            },
            "mongod-standin");
    t.setDaemon(true);
    p.thread = t;
    t.start();
    return p;
  }

  private void finish(int code) {
    stdout.close();
    stderr.close();
    exit.complete(code);
  }

  /**
   * Ends it now with {@code code}, as the kernel ends a killed process: its output stops at once,
   * and by the time it counts as exited its port and its dbpath lock are released (the stand-in's
   * thread, woken, closes them unheard).
   */
  private void halt(int code) {
    if (exit.isDone() || !haltCode.compareAndSet(null, code)) {
      return;
    }
    stdout.close();
    stderr.close();
    standIn.abandon();
    Thread main = thread;
    if (main != null && main != Thread.currentThread()) {
      try {
        main.join(RELEASE_TIMEOUT_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    finish(code);
  }

  /** The STANDIN_CRASH_AFTER_SECONDS fault, now: fatal log line 23089, exit 14, no shutdown. */
  public void crash() {
    standIn.crash();
  }

  @Override
  public OutputStream getOutputStream() {
    return OutputStream.nullOutputStream();
  }

  @Override
  public InputStream getInputStream() {
    return stdout.reader;
  }

  @Override
  public InputStream getErrorStream() {
    return stderr.reader;
  }

  @Override
  public int waitFor() throws InterruptedException {
    try {
      return exit.get();
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public boolean waitFor(long timeout, TimeUnit unit) throws InterruptedException {
    try {
      exit.get(timeout, unit);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  @Override
  public int exitValue() {
    Integer code = exit.getNow(null);
    if (code == null) {
      throw new IllegalThreadStateException("the stand-in is still running");
    }
    return code;
  }

  @Override
  public boolean isAlive() {
    return !exit.isDone();
  }

  /** A signal by name as {@code kill -NAME} would send it: TERM, INT or KILL. */
  public void signal(String name) {
    switch (name) {
      case "TERM" -> destroy();
      case "INT" -> {
        if (isAlive()) {
          standIn.signal(2, "Interrupt");
        }
      }
      case "KILL" -> destroyForcibly();
      default -> throw new IllegalArgumentException("the in-JVM stand-in knows TERM, INT, KILL");
    }
  }

  /** SIGTERM. */
  @Override
  public void destroy() {
    if (isAlive()) {
      standIn.signal(SIGTERM, "Terminated");
    }
  }

  /** SIGKILL: exit 137 at once. */
  @Override
  public Process destroyForcibly() {
    if (isAlive()) {
      halt(128 + SIGKILL);
    }
    return this;
  }

  @Override
  public boolean supportsNormalTermination() {
    return true;
  }

  /** The test JVM's pid: the stand-in has no process of its own. */
  @Override
  public long pid() {
    return ProcessHandle.current().pid();
  }

  /** It starts no processes. */
  @Override
  public Stream<ProcessHandle> descendants() {
    return Stream.empty();
  }

  /** It starts no processes. */
  @Override
  public Stream<ProcessHandle> children() {
    return Stream.empty();
  }

  @Override
  public CompletableFuture<Process> onExit() {
    return exit.thenApply(code -> this);
  }

  @Override
  public String toString() {
    return "mongod stand-in in this JVM (" + (isAlive() ? "running" : "exit " + exit.join()) + ")";
  }
}
