package io.restore.process;

import java.io.IOException;
import java.time.Duration;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
import org.apache.commons.exec.ProcessDestroyer;
import org.apache.commons.exec.PumpStreamHandler;
import org.apache.commons.exec.ShutdownHookProcessDestroyer;

/**
 * Real child processes: {@link ProcessBuilder} for {@link #start}, Commons Exec for {@link #run}.
 */
final class SystemLauncher implements Launcher {
  static final SystemLauncher INSTANCE = new SystemLauncher();

  /** How long the pumps may keep copying after the child ended (a grandchild may hold the pipe). */
  private static final Duration PUMP_STOP = Duration.ofSeconds(5);

  private SystemLauncher() {}

  @Override
  public Process start(ProcessBuilder command) throws IOException {
    return command.start();
  }

  @Override
  public Completed run(RunSpec spec) throws IOException {
    ExecuteWatchdog watchdog =
        ExecuteWatchdog.builder()
            .setTimeout(spec.timeout().orElse(ExecuteWatchdog.INFINITE_TIMEOUT_DURATION))
            .get();
    PumpStreamHandler streams = new PumpStreamHandler(spec.out(), spec.err());
    streams.setStopTimeout(PUMP_STOP);
    Cancellable destroyer = new Cancellable();
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(streams);
    executor.setWatchdog(watchdog);
    executor.setProcessDestroyer(destroyer);
    executor.setExitValues(null); // every exit code is data for the caller, not an exception
    spec.onCancel().accept(destroyer::cancel);
    int exit = executor.execute(commandLine(spec), spec.environment());
    return new Completed(exit, watchdog.killedProcess() || destroyer.cancelled());
  }

  private static CommandLine commandLine(RunSpec spec) {
    CommandLine line = new CommandLine(spec.command().get(0));
    for (String a : spec.command().subList(1, spec.command().size())) {
      line.addArgument(a, false); // verbatim: paths may contain spaces, quotes and ${}
    }
    return line;
  }

  /**
   * Commons Exec hands the started Process to the destroyer (and nothing else does without a
   * subclass): ends the child if this JVM exits first (a shutdown hook), and on {@link #cancel()}
   * (SIGTERM), also when the cancel came before the child had started.
   */
  private static final class Cancellable implements ProcessDestroyer {
    private final ShutdownHookProcessDestroyer onExit = new ShutdownHookProcessDestroyer();
    private Process process;
    private boolean cancelled;

    @Override
    public synchronized boolean add(Process p) {
      process = p;
      if (cancelled) {
        p.destroy();
      }
      return onExit.add(p);
    }

    @Override
    public synchronized boolean remove(Process p) {
      process = null;
      return onExit.remove(p);
    }

    @Override
    public int size() {
      return onExit.size();
    }

    synchronized void cancel() {
      cancelled = true;
      if (process != null) {
        process.destroy();
      }
    }

    synchronized boolean cancelled() {
      return cancelled;
    }
  }
}
