package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.StopReport;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import io.restore.mongod.session.SessionStopper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
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
      defaultValue = "${env:RESTORE_STATE_DIR}",
      description = "where session records live (default: per-user state directory)")
  Path stateDir;

  static SessionRegistry registry(Path stateDir) {
    return stateDir != null
        ? new SessionRegistry(stateDir)
        : SessionRegistry.fromEnvironment(System.getenv());
  }

  @Override
  public Integer call() throws InterruptedException {
    SessionRegistry registry = registry(stateDir);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<SessionRecord> targets;
    if (which.all) {
      targets = registry.list();
      if (targets.isEmpty()) {
        out.println("no restore sessions running");
        return 0;
      }
    } else {
      Optional<SessionRecord> r = registry.find(which.dbpath);
      if (r.isEmpty()) {
        throw new RestoreException(
            ExitCode.FAILURE,
            "no restore session is running on " + SessionRegistry.canonical(which.dbpath),
            "list running sessions with: restore ps");
      }
      targets = List.of(r.get());
    }
    Duration step = Duration.ofSeconds(timeoutSeconds);
    ShutdownPolicy policy = new ShutdownPolicy(step, step, step, Duration.ofSeconds(10), force);
    SessionStopper stopper =
        new SessionStopper(registry, policy, line -> err.println("restore: " + line));
    boolean allStopped = true;
    for (SessionRecord r : targets) {
      SessionStopper.Outcome o = stopper.stop(r);
      StopReport rep = o.report();
      String how = o.viaRestore() ? "its restore ended the session" : rep.describe();
      (rep.clean() ? out : err).printf("%s: %s%n", r.dbpath(), how);
      allStopped &= rep.rung() != StopReport.Rung.STILL_RUNNING;
    }
    if (!allStopped) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "a mongod is still running after SIGTERM",
          "wait and try again, or use --force to SIGKILL it (its data files may be damaged)");
    }
    return 0;
  }
}
