package io.restore.cli;

import io.restore.mongod.session.SessionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code restore ps}: the live sessions of this user. */
@Command(
    name = "ps",
    mixinStandardHelpOptions = true,
    description = "List running restore sessions (and mongod processes left by a killed restore).")
final class PsCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  @Option(
      names = "--state-dir",
      paramLabel = "<dir>",
      hidden = true,
      description = "where session records live (default: $RESTORE_STATE_DIR, else per-user)")
  Path stateDir;

  PsCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    List<SessionRecord> sessions = wiring.sessions(stateDir).list();
    PrintWriter out = spec.commandLine().getOut();
    if (sessions.isEmpty()) {
      out.println("no restore sessions running");
      return 0;
    }
    out.printf("%-8s %-8s %-7s %-26s %s%n", "RESTORE", "MONGOD", "PORT", "STARTED", "DBPATH");
    for (SessionRecord r : sessions) {
      boolean orphan = !r.restore().isRunning();
      out.printf(
          "%-8s %-8d %-7s %-26s %s%s%n",
          orphan ? "gone" : Long.toString(r.restore().pid()),
          r.mongod().pid(),
          r.mongodPort().isPresent() ? Integer.toString(r.mongodPort().getAsInt()) : "-",
          r.created(),
          r.dbpath(),
          orphan ? "   (leftover: restore stop " + r.dbpath() + ")" : "");
    }
    return 0;
  }
}
