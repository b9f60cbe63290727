package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.MongodProcess;
import io.restore.mongod.ProcessIdentity;
import io.restore.process.Launcher;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code --exec}: runs the user's command with the session's URI in its environment. The command
 * inherits restore's terminal (stdin too), so interactive tools such as mongosh work: Commons Exec
 * would pump its streams through pipes and cut it off from the terminal, hence {@link
 * Launcher#start} (ProcessBuilder) here, which also gives us the Process to stop on Ctrl-C.
 */
final class ExecJob {
  private static final long TERM_GRACE_SECONDS = 10;

  private final List<String> command;
  private final Map<String, String> environment;
  private final SessionOutput output;
  private final Launcher launcher;

  /**
   * @param environment the command's whole environment
   */
  ExecJob(
      List<String> command,
      Map<String, String> environment,
      SessionOutput output,
      Launcher launcher) {
    this.command = command;
    this.environment = environment;
    this.output = output;
    this.launcher = launcher;
  }

  int run(MongodProcess mongod, StopSignals signals) throws InterruptedException {
    return run(List.of(mongod), signals);
  }

  /**
   * Runs the command while {@code mongods} serve it (a cluster's components): every one's watchdog
   * guards it, and any one exiting stops it.
   */
  int run(List<MongodProcess> mongods, StopSignals signals) throws InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).inheritIO();
    pb.environment().clear();
    pb.environment().putAll(environment);
    Process child;
    try {
      child = launcher.start(pb);
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "cannot run the --exec command '" + command.get(0) + "': " + e.getMessage(),
          "check the command after '--exec --' (is it installed and on PATH?)",
          e);
    }
    output.status("running " + String.join(" ", command) + " (pid " + child.pid() + ")");
    // If restore is killed (SIGKILL), its watchdog ends the command too, once mongod is safe.
    ProcessIdentity.of(child.pid())
        .ifPresent(job -> mongods.forEach(m -> m.watchdog().ifPresent(w -> w.watchJob(job))));
    Runnable stopChild = () -> stop(child);
    signals.onStop(stopChild);
    // Ctrl-C again: the command (the user's own, not mongod) gets no more grace after SIGTERM.
    signals
        .faster()
        .thenRun(
            () -> {
              if (child.isAlive()) {
                output.status("stopping faster: killing the command (pid " + child.pid() + ")");
                child.destroyForcibly();
              }
            });
    for (MongodProcess mongod : mongods) {
      mongod
          .onExit()
          .thenRun(
              () -> {
                if (!signals.isRequested()) {
                  stop(child);
                }
              });
    }
    int code = child.waitFor();
    signals.onStop(() -> {});
    output.status("command exited with code " + code);
    return code;
  }

  private static void stop(Process child) {
    if (!child.isAlive()) {
      return;
    }
    child.destroy();
    try {
      if (!child.waitFor(TERM_GRACE_SECONDS, TimeUnit.SECONDS)) {
        child.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
