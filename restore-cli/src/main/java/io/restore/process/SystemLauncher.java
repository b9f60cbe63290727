package io.restore.process;

import java.io.IOException;
import java.time.Duration;
import org.apache.commons.exec.CommandLine;
import org.apache.commons.exec.DefaultExecutor;
import org.apache.commons.exec.ExecuteWatchdog;
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
    DefaultExecutor executor = DefaultExecutor.builder().get();
    executor.setStreamHandler(streams);
    executor.setWatchdog(watchdog);
    executor.setProcessDestroyer(new ShutdownHookProcessDestroyer());
    executor.setExitValues(null); // every exit code is data for the caller, not an exception
    spec.onCancel().accept(watchdog::destroyProcess);
    int exit = executor.execute(commandLine(spec), spec.environment());
    return new Completed(exit, watchdog.killedProcess());
  }

  private static CommandLine commandLine(RunSpec spec) {
    CommandLine line = new CommandLine(spec.command().get(0));
    for (String a : spec.command().subList(1, spec.command().size())) {
      line.addArgument(a, false); // verbatim: paths may contain spaces, quotes and ${}
    }
    return line;
  }
}
