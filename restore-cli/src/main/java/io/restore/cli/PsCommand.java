package io.restore.cli;

import io.restore.json.Json;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
  @Spec CommandSpec spec;

  @Option(
      names = "--state-dir",
      paramLabel = "<dir>",
      hidden = true,
      defaultValue = "${env:RESTORE_STATE_DIR}",
      description = "where session records live (default: per-user state directory)")
  Path stateDir;

  @Option(
      names = "--json",
      description = "Print one JSON object (docs/json-output.md) instead of a table.")
  boolean json;

  @Override
  public Integer call() {
    SessionRegistry registry = StopCommand.registry(stateDir);
    List<SessionRecord> sessions = registry.list();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(sessions));
      out.flush();
      return 0;
    }
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

  /** {@code {"sessions": [...]}}, one entry per record; schema in docs/json-output.md. */
  static String json(List<SessionRecord> sessions) {
    List<Object> list = new ArrayList<>();
    for (SessionRecord r : sessions) {
      boolean orphan = !r.restore().isRunning();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("dbpath", r.dbpath().toString());
      m.put("restorePid", orphan ? null : new Json.Number(Long.toString(r.restore().pid())));
      m.put("leftover", orphan);
      m.put("mongodPid", new Json.Number(Long.toString(r.mongod().pid())));
      m.put(
          "mongodPort",
          r.mongodPort().isPresent()
              ? new Json.Number(Integer.toString(r.mongodPort().getAsInt()))
              : null);
      m.put("kmipPort", r.kmipPort() == 0 ? null : new Json.Number(Integer.toString(r.kmipPort())));
      m.put("uri", r.mongodPort().isPresent() ? r.uri() : null);
      m.put("sessionId", r.sessionDir().getFileName().toString());
      m.put("started", r.created().toString());
      list.add(m);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("sessions", list);
    return Json.write(top);
  }
}
