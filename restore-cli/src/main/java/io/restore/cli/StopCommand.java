package io.restore.cli;

import io.restore.session.SessionControl;
import io.restore.session.SessionControl.StopRequest;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore stop <dbpath> | --all}: ends sessions the clean way. */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description =
        "Stop a restore session (or a mongod left by a killed restore): shutdown command, then"
            + " SIGTERM; SIGKILL only with --force.")
final class StopCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  static final class Which {
    @Parameters(paramLabel = "<dbpath>", description = "the snapshot directory of the session")
    Path dbpath;

    @Option(names = "--all", description = "stop every session of this user")
    boolean all;
  }

  @ArgGroup(exclusive = true, multiplicity = "1")
  Which which;

  @Option(
      names = "--force",
      description = "if mongod ignores SIGTERM, kill it (SIGKILL; its data files may be damaged)")
  boolean force;

  @Option(
      names = "--timeout",
      paramLabel = "<seconds>",
      defaultValue = "120",
      description = "how long each clean step may take (default: ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Option(
      names = "--state-dir",
      paramLabel = "<dir>",
      hidden = true,
      description = "where session records live (default: $RESTORE_STATE_DIR, else per-user)")
  Path stateDir;

  StopCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Duration step = Duration.ofSeconds(timeoutSeconds);
    StopRequest request =
        which.all ? StopRequest.all(force, step) : StopRequest.of(which.dbpath, force, step);
    SessionControl sessions = wiring.sessions(stateDir);
    int found =
        sessions.stop(
            request,
            line -> err.println("restore: " + line),
            s -> (s.clean() ? out : err).printf("%s: %s%n", s.session().dbpath(), s.description()));
    if (found == 0) {
      out.println("no restore sessions running");
    }
    return 0;
  }
}
