package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;

/** An archive entry refused as untrusted input: exit 3, naming the entry and what is wrong. */
final class UnsafeEntry {
  private UnsafeEntry() {}

  static RestoreException of(String entry, String problem) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "refused archive entry '" + printable(entry) + "': " + problem,
        "an Atlas snapshot archive never holds such an entry: download the snapshot again from"
            + " Atlas; do not extract this archive by hand (nothing was written outside the work"
            + " folder, which was removed)");
  }

  /** Entry names are attacker-chosen: control characters are shown escaped. */
  static String printable(String name) {
    StringBuilder b = new StringBuilder();
    name.codePoints()
        .limit(300)
        .forEach(
            c -> {
              if (c < 0x20 || c == 0x7f) {
                b.append(String.format("\\x%02x", c));
              } else {
                b.appendCodePoint(c);
              }
            });
    return name.length() > 300 ? b + "..." : b.toString();
  }
}
