package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;

/** A bare --archive writes binary to stdout: refused when stdout is a terminal. */
final class ArchiveGuard {
  private ArchiveGuard() {}

  static void check(DumpOptions options, OutputOptions output) {
    if (options.archiveToStdout() && output.terminals().stdout().tty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "a bare --archive writes the binary archive to stdout, which is a terminal",
          "redirect stdout or give --archive=FILE");
    }
  }
}
