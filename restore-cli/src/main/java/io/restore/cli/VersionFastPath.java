package io.restore.cli;

import java.io.PrintStream;

/**
 * {@code restore --version} without the command line: building picocli's model of every command
 * (sub-commands, mixins, options, by reflection) costs about ten times a bare JVM start, and the
 * version needs none of it (docs/benchmarks.md, "Start-up"). Prints exactly what picocli's {@code
 * --version} prints; any other arguments take the normal path.
 */
final class VersionFastPath {
  private VersionFastPath() {}

  static boolean applies(String[] args) {
    return args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"));
  }

  static void print(PrintStream out) {
    for (String line : new BuildInfo().getVersion()) {
      out.println(line);
    }
    out.flush();
  }
}
