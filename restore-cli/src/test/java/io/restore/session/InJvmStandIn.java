package io.restore.session;

import io.restore.process.Completed;
import io.restore.process.Launcher;
import io.restore.process.RunSpec;
import io.restore.testkit.mongod.StandInProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Restore's launcher for in-JVM session tests: {@code testkit/bin/mongod} (the mongod stand-in)
 * runs inside this JVM as a {@link StandInProcess}, the same code the script would start; every
 * other command (the {@code --exec} job, mongodump, a wrapper script given as {@code --mongod}) is
 * a real child process.
 *
 * <p>One substitution: mongod's watchdog would guard the stand-in's pid, which is this test JVM's,
 * so it is replaced by a child that only reads its pipe to the end and signals nothing. The
 * watchdog itself is tested against real processes (WatchdogTest, OpenFailureTest's SIGKILL smoke
 * test).
 */
final class InJvmStandIn implements Launcher {
  private final Path standIn = RestoreProcess.standIn();
  private final List<StandInProcess> started = new ArrayList<>();
  private StandInProcess lastServer;
  private List<String> lastServerCommand;

  @Override
  public Process start(ProcessBuilder command) throws IOException {
    List<String> argv = withoutSetsid(command.command());
    if (isStandIn(argv)) {
      StandInProcess p = started(argv, command.environment());
      if (!argv.contains("--version")) {
        synchronized (this) {
          lastServer = p;
          lastServerCommand = List.copyOf(argv);
        }
      }
      return p;
    }
    if (argv.size() > 4
        && argv.get(3).equals("restore-watchdog")
        && argv.get(4).equals(Long.toString(ProcessHandle.current().pid()))) {
      command.command(List.of("/bin/sh", "-c", "cat > /dev/null"));
    }
    return Launcher.system().start(command);
  }

  /** mongodump and the like: real processes (the stand-in is only ever started). */
  @Override
  public Completed run(RunSpec spec) throws IOException {
    return Launcher.system().run(spec);
  }

  /** The last stand-in started as a server (not a {@code --version} probe). */
  synchronized StandInProcess mongod() {
    if (lastServer == null) {
      throw new IllegalStateException("no mongod stand-in was started");
    }
    return lastServer;
  }

  /** The command line mongod was started with (what {@code ps} would show of a real one). */
  synchronized List<String> mongodCommand() {
    mongod();
    return lastServerCommand;
  }

  /** Every stand-in started so far, in order, probes included. */
  synchronized List<StandInProcess> standIns() {
    return new ArrayList<>(started);
  }

  private synchronized StandInProcess started(List<String> argv, Map<String, String> env) {
    StandInProcess p = StandInProcess.start(argv.subList(1, argv.size()), env);
    started.add(p);
    return p;
  }

  private boolean isStandIn(List<String> argv) {
    return Path.of(argv.get(0)).equals(standIn);
  }

  private static List<String> withoutSetsid(List<String> argv) {
    return argv.get(0).endsWith("/setsid") ? argv.subList(1, argv.size()) : argv;
  }
}
