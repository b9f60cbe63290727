package io.restore.mongod;

import java.nio.file.Path;
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
}
