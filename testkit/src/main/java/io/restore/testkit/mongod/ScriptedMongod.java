package io.restore.testkit.mongod;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import de.bwaldvogel.mongo.bson.Document;
import de.bwaldvogel.mongo.exception.MongoServerError;
import de.bwaldvogel.mongo.wire.message.MongoMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * A test double for supervision tests: a small {@code sh} script that behaves like mongod in the
 * ways a supervisor can see (its {@code --version} output, JSON log lines on stdout, exit codes,
 * signals), as a real child process. It is not a database: pair it with {@link Wire}, an in-process
 * mongo-java-server whose port the script announces in log id 23016, so a real driver's ping (and
 * the {@code shutdown} command) work.
 *
 * <p>The script records what happened in {@link #events()}: "args ...", "SIGTERM", "shutdown",
 * "exit N". Tests trigger a crash mid-session or a clean exit through files, never through timing.
 */
public final class ScriptedMongod {
  public static final String ENTERPRISE_VERSION_TEMPLATE =
      String.join(
          "\n",
          "db version v%1$s",
          "Build Info: {",
          "    \"version\": \"%1$s\",",
          "    \"gitVersion\": \"0000000000000000000000000000000000000000\",",
          "    \"openSSLVersion\": \"OpenSSL 3.0.2 15 Mar 2022\",",
          "    \"modules\": [",
          "        \"enterprise\"",
          "    ],",
          "    \"allocator\": \"tcmalloc\",",
          "    \"environment\": {",
          "        \"distmod\": \"ubuntu2204\",",
          "        \"distarch\": \"x86_64\",",
          "        \"target_arch\": \"x86_64\"",
          "    }",
          "}");
  public static final String COMMUNITY_VERSION_TEMPLATE =
      String.join(
          "\n",
          "db version v%1$s",
          "Build Info: {",
          "    \"version\": \"%1$s\",",
          "    \"gitVersion\": \"0000000000000000000000000000000000000000\",",
          "    \"openSSLVersion\": \"OpenSSL 3.0.2 15 Mar 2022\",",
          "    \"modules\": [],",
          "    \"allocator\": \"tcmalloc\",",
          "    \"environment\": {",
          "        \"distmod\": \"ubuntu2204\",",
          "        \"distarch\": \"x86_64\",",
          "        \"target_arch\": \"x86_64\"",
          "    }",
          "}");

  private final Path dir;
  private final Path binary;

  private ScriptedMongod(Path dir, Path binary) {
    this.dir = dir;
    this.binary = binary;
  }

  /** Starts describing a script; it is written by {@link Builder#write()}. */
  public static Builder in(Path dir) {
    return new Builder(dir);
  }

  /** One mongod JSON log line (the fields of mongod 4.4+'s structured log). */
  public static String logLine(
      String severity, String component, int id, String msg, String attrJson) {
    return "{\"t\":{\"$date\":\"2025-01-01T00:00:00.000+00:00\"},\"s\":\""
        + severity
        + "\",\"c\":\""
        + component
        + "\",\"id\":"
        + id
        + ",\"ctx\":\"initandlisten\",\"msg\":\""
        + msg
        + "\""
        + (attrJson == null ? "" : ",\"attr\":" + attrJson)
        + "}";
  }

  /** mongod log id 23016 "Waiting for connections" with this port. */
  public static String waitingForConnections(int port) {
    return logLine(
        "I",
        "NETWORK",
        23016,
        "Waiting for connections",
        "{\"port\":" + port + ",\"ssl\":\"off\"}");
  }

  public Path binary() {
    return binary;
  }

  public Path dir() {
    return dir;
  }

  /** What the script recorded, oldest first. */
  public List<String> events() {
    Path f = dir.resolve("events");
    try {
      return Files.exists(f) ? Files.readAllLines(f, StandardCharsets.UTF_8) : List.of();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The pid of the last started run, once it wrote it. */
  public OptionalLong pid() {
    Path f = dir.resolve("pid");
    try {
      String s = Files.exists(f) ? Files.readString(f).strip() : "";
      return s.isEmpty() ? OptionalLong.empty() : OptionalLong.of(Long.parseLong(s));
    } catch (IOException | NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  /** Makes a running script exit with {@code code} at its next poll: a crash mid-session. */
  public void triggerCrash(int code) {
    write(dir.resolve("crash.tmp"), Integer.toString(code));
    move(dir.resolve("crash.tmp"), dir.resolve("crash"));
  }

  /** Makes a running script exit 0 at its next poll, as after a {@code shutdown} command. */
  public void triggerShutdown() {
    write(dir.resolve("shutdown"), "");
  }

  /** Describes one script. */
  public static final class Builder {
    private final Path dir;
    private String versionOutput = ENTERPRISE_VERSION_TEMPLATE.formatted("7.0.14");
    private int versionExit = 0;
    private final List<String> lines = new ArrayList<>();
    private final List<String> stderrLines = new ArrayList<>();
    private Integer exitCode;
    private boolean ignoreSigterm;

    private Builder(Path dir) {
      this.dir = dir;
    }

    public Builder enterprise(String version) {
      versionOutput = ENTERPRISE_VERSION_TEMPLATE.formatted(version);
      return this;
    }

    public Builder community(String version) {
      versionOutput = COMMUNITY_VERSION_TEMPLATE.formatted(version);
      return this;
    }

    /** Any text for {@code --version} and its exit code (for "not a mongod" cases). */
    public Builder versionOutput(String text, int exit) {
      versionOutput = text;
      versionExit = exit;
      return this;
    }

    /** A stdout line (JSON or not), printed at start in order. */
    public Builder line(String line) {
      lines.add(line);
      return this;
    }

    /** A line on stderr, as mongod's option parser writes before its log starts. */
    public Builder stderr(String line) {
      stderrLines.add(line);
      return this;
    }

    /** Startup lines similar to mongod's, then 23016 with {@code port}. */
    public Builder readyOn(int port) {
      line(logLine("I", "CONTROL", 23285, "Automatically disabling TLS 1.0", null));
      line(
          logLine("I", "STORAGE", 22297, "Using the XFS filesystem is strongly recommended", null));
      line("a line that is not JSON, tolerated");
      line(waitingForConnections(port));
      return this;
    }

    /** A fatal line ("s":"F"), as mongod writes before aborting. */
    public Builder fatal(int id, String msg) {
      return line(logLine("F", "CONTROL", id, msg, "{}"));
    }

    /** After the lines, exit with this code instead of running. */
    public Builder exitWith(int code) {
      exitCode = code;
      return this;
    }

    /** Record SIGTERM but keep running (forces the ladder to SIGKILL). */
    public Builder ignoreSigterm() {
      ignoreSigterm = true;
      return this;
    }

    public ScriptedMongod write() {
      try {
        Files.createDirectories(dir);
        String d = shellQuote(dir.toAbsolutePath().toString());
        StringBuilder s = new StringBuilder("#!/bin/sh\n");
        s.append("dir=").append(d).append('\n');
        s.append("if [ \"$1\" = --version ]; then\ncat <<'RESTORE_EOF'\n")
            .append(versionOutput)
            .append("\nRESTORE_EOF\nexit ")
            .append(versionExit)
            .append("\nfi\n");
        s.append("rm -f \"$dir/shutdown\" \"$dir/crash\"\n");
        s.append("echo \"args $*\" >> \"$dir/events\"\n");
        s.append("echo $$ > \"$dir/pid\"\n");
        s.append("on_term() {\n  echo SIGTERM >> \"$dir/events\"\n");
        if (!ignoreSigterm) {
          s.append("  echo 'exit 0' >> \"$dir/events\"\n  exit 0\n");
        } else {
          s.append("  :\n");
        }
        s.append("}\ntrap on_term TERM\n");
        for (String l : stderrLines) {
          s.append("printf '%s\\n' ").append(shellQuote(l)).append(" >&2\n");
        }
        for (String l : lines) {
          s.append("printf '%s\\n' ").append(shellQuote(l)).append('\n');
        }
        if (exitCode != null) {
          s.append("echo 'exit ").append(exitCode).append("' >> \"$dir/events\"\n");
          s.append("exit ").append(exitCode).append('\n');
        }
        s.append(
            String.join(
                "\n",
                "while :; do",
                "  if [ -f \"$dir/shutdown\" ]; then",
                "    echo shutdown >> \"$dir/events\"; echo 'exit 0' >> \"$dir/events\"; exit 0",
                "  fi",
                "  if [ -f \"$dir/crash\" ]; then",
                "    code=$(cat \"$dir/crash\"); echo \"exit $code\" >> \"$dir/events\"; exit \"$code\"",
                "  fi",
                // sleep in the background so a trapped signal interrupts `wait` at once
                "  sleep 0.05 & wait $!",
                "done",
                ""));
        Path binary = dir.resolve("mongod");
        Files.writeString(binary, s.toString(), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(binary, PosixFilePermissions.fromString("rwx------"));
        return new ScriptedMongod(dir, binary);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  /**
   * An in-process mongo-java-server for a script to announce: the real driver can ping it, and its
   * {@code shutdown} command makes the script exit cleanly (mongo-java-server has no shutdown).
   */
  public static final class Wire implements AutoCloseable {
    private final MongoServer server;
    private final int port;

    private Wire(MongoServer server, int port) {
      this.server = server;
      this.port = port;
    }

    /** A server on 127.0.0.1:0 whose shutdown command triggers {@code scripted}'s clean exit. */
    public static Wire start(ScriptedMongod scripted) {
      return start(scripted.dir());
    }

    /** A server on 127.0.0.1:0 that answers ping but refuses shutdown ("no such command"). */
    public static Wire refusingShutdown() {
      MongoServer server = new MongoServer(new MemoryBackend());
      return new Wire(server, server.bind().getPort());
    }

    /** A server on 127.0.0.1:0 whose shutdown command creates {@code <dir>/shutdown}. */
    public static Wire start(Path scriptDir) {
      MongoServer server =
          new MongoServer(
              new MemoryBackend() {
                @Override
                public Document handleMessage(MongoMessage message) {
                  Document doc = message.getDocument();
                  if (!doc.isEmpty() && doc.keySet().iterator().next().equals("shutdown")) {
                    write(scriptDir.resolve("shutdown"), "");
                    // one of mongod's own answers while going down (InterruptedAtShutdown)
                    throw new MongoServerError(
                        11600, "InterruptedAtShutdown", "interrupted at shutdown");
                  }
                  return super.handleMessage(message);
                }
              });
      InetSocketAddress address = server.bind();
      return new Wire(server, address.getPort());
    }

    public int port() {
      return port;
    }

    @Override
    public void close() {
      server.shutdownNow();
    }
  }

  private static void write(Path f, String text) {
    try {
      Files.createDirectories(f.getParent());
      Files.writeString(f, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void move(Path from, Path to) {
    try {
      Files.move(from, to, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String shellQuote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
