package io.restore.session;

import io.restore.process.Completed;
import io.restore.process.Launcher;
import io.restore.process.RunSpec;
import io.restore.testkit.mongod.StandInProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Restore's launcher for in-JVM session tests: {@code testkit/bin/mongod} (the mongod stand-in)
 * runs inside this JVM as a {@link StandInProcess}, the same code the script would start; every
 * other command (the {@code --exec} job, mongodump) is a real child process.
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
      synchronized (this) {
        lastServer = p;
        lastServerCommand = List.copyOf(argv);
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

  @Override
  public Completed run(RunSpec spec) throws IOException {
    if (!isStandIn(spec.command())) {
      return Launcher.system().run(spec);
    }
    StandInProcess p = started(spec.command(), spec.environment());
    Thread out = copy(p.getInputStream(), spec.out());
    Thread err = copy(p.getErrorStream(), spec.err());
    try {
      long millis = spec.timeout().map(d -> d.toMillis()).orElse(Long.MAX_VALUE);
      boolean ended = p.waitFor(millis, TimeUnit.MILLISECONDS);
      if (!ended) {
        p.destroyForcibly();
      }
      out.join();
      err.join();
      return new Completed(p.waitFor(), !ended);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
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

  private static Thread copy(InputStream in, OutputStream to) {
    Thread t =
        new Thread(
            () -> {
              try {
                in.transferTo(to);
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            },
            "standin-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
