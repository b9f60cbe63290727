package io.restore.cli;

import io.restore.mongod.session.SessionRecord;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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

  /** 42s, 5m07s, 3h12m, 2d04h. */
  static String age(Duration d) {
    long s = Math.max(0, d.toSeconds());
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format("%dm%02ds", s / 60, s % 60);
    }
    if (s < 86400) {
      return String.format("%dh%02dm", s / 3600, (s % 3600) / 60);
    }
    return String.format("%dd%02dh", s / 86400, (s % 86400) / 3600);
  }

  @Override
  public Integer call() {
    List<SessionRecord> sessions = wiring.sessions(stateDir).list();
    PrintWriter out = spec.commandLine().getOut();
    if (sessions.isEmpty()) {
      out.println("no restore sessions running");
      return 0;
    }
    out.printf(
        "%-6s %-8s %-8s %-7s %-7s %-9s %s%n",
        "KIND", "RESTORE", "MONGOD", "PORT", "KMIP", "AGE", "DBPATH");
    Instant now = Instant.now();
    for (SessionRecord r : sessions) {
      boolean orphan = !r.restore().isRunning();
      out.printf(
          "%-6s %-8s %-8s %-7s %-7s %-9s %s%s%n",
          r.kind().label(),
          orphan ? "gone" : Long.toString(r.restore().pid()),
          r.isProxy() ? "-" : Long.toString(r.mongod().pid()),
          r.mongodPort().isPresent() ? Integer.toString(r.mongodPort().getAsInt()) : "-",
          r.kmipPort() > 0 ? Integer.toString(r.kmipPort()) : "-",
          age(Duration.between(r.created(), now)),
          r.dbpath(),
          orphan ? "   (leftover: restore stop " + r.dbpath() + ")" : "");
    }
    return 0;
  }
}
