package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;

/** Placeholder used by sub-commands whose issue has not landed yet. */
final class NotImplemented {
  private NotImplemented() {}

  static RestoreException command(String name) {
    return new RestoreException(
        ExitCode.USAGE,
        "'restore " + name + "' is not implemented yet",
        "follow the project's issues; 'restore --help' lists what works today");
  }
}
