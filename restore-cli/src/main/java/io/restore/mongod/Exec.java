package io.restore.mongod;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** How mongod's command line is wrapped for launching. */
final class Exec {
  private Exec() {}

  private static final Path SETSID = Path.of("/usr/bin/setsid");

  /**
   * The command run through {@code setsid} where it exists, so mongod has its own session and
   * process group: Ctrl-C in restore's terminal then reaches restore alone, which stops mongod in
   * its own order (shutdown command first) instead of racing mongod's own SIGINT handling. setsid
   * execs in place (a child of the JVM is never a group leader), so the pid stays mongod's.
   */
  static List<String> inOwnSession(Path executable, List<String> args) {
    List<String> all = new ArrayList<>();
    if (Files.isExecutable(SETSID)) {
      all.add(SETSID.toString());
    }
    all.add(executable.toString());
    all.addAll(args);
    return all;
  }
}
