package io.restore.source;

import java.util.ArrayList;
import java.util.List;

/**
 * Archive entry names as untrusted input: an entry becomes a path relative to the extraction root
 * only if it has no absolute start, no {@code ..} component and no NUL; {@code ./} and repeated
 * slashes are dropped. The same rule applies to hard-link targets.
 */
final class EntryNames {
  private EntryNames() {}

  /** The entry's relative path, '/'-separated, without a trailing slash ("" is the root). */
  static String normalize(String name) {
    if (name.indexOf('\0') >= 0) {
      throw UnsafeEntry.of(name, "the name holds a NUL character");
    }
    if (name.startsWith("/") || name.startsWith("\\") || name.matches("^[A-Za-z]:[\\\\/].*")) {
      throw UnsafeEntry.of(
          name, "an absolute path (it would be written outside the extraction folder)");
    }
    List<String> parts = new ArrayList<>();
    for (String p : name.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        throw UnsafeEntry.of(
            name, "a '..' component (it would climb out of the extraction folder)");
      }
      parts.add(p);
    }
    return String.join("/", parts);
  }

  /** Whether any component of the (normalized) name is one of the snapshot's key folders. */
  static boolean isKeyMaterial(String normalized) {
    for (String p : normalized.split("/")) {
      if (p.equals(DbpathCandidates.KEY_STORE) || p.equals(DbpathCandidates.CREDENTIALS)) {
        return true;
      }
    }
    return false;
  }

  /** Whether {@code name} is {@code prefix}, under it, or one of its parent folders. */
  static boolean onPath(String name, String prefix) {
    return prefix.isEmpty()
        || name.equals(prefix)
        || name.startsWith(prefix + "/")
        || prefix.startsWith(name + "/")
        || name.isEmpty();
  }
}
