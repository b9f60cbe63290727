package io.restore.mongod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.exec.CommandLine;

/** Commons Exec glue shared by the version probe and the supervised process. */
final class Exec {
  private Exec() {}

  /** Arguments go through verbatim: no quoting, no ${} substitution (paths may contain both). */
  static CommandLine commandLine(Path executable, List<String> args) {
    CommandLine line = new CommandLine(executable.toString());
    for (String a : args) {
      line.addArgument(a, false);
    }
    return line;
  }

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /**
   * The command run through {@code setsid} where it exists, so mongod has its own session and
   * process group: Ctrl-C in restore's terminal then reaches restore alone, which stops mongod in
   * its own order (shutdown command first) instead of racing mongod's own SIGINT handling. setsid
   * execs in place (a child of the JVM is never a group leader), so the pid stays mongod's.
   */
  static CommandLine inOwnSession(Path executable, List<String> args) {
    if (!Files.isExecutable(SETSID)) {
      return commandLine(executable, args);
    }
    List<String> all = new ArrayList<>();
    all.add(executable.toString());
    all.addAll(args);
    return commandLine(SETSID, all);
  }
}
