package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Finds the dbpath inside an archive by content, not by name: a folder holding {@code key.store/}
 * together with the dbpath's own files ({@code WiredTiger*}, {@code storage.bson}, {@code
 * mongod.lock}, {@code _mdb_catalog.wt}) or the snapshot's {@code cloudProviderCredentials/}. Works
 * on entry names, so an archive can be judged without extracting its data files.
 */
final class DbpathCandidates {
  static final String KEY_STORE = "key.store";
  static final String CREDENTIALS = "cloudProviderCredentials";
  static final String CHOOSE_FLAG = "--archive-dbpath";
  private static final Set<String> MARKERS =
      Set.of(
          "WiredTiger",
          "WiredTiger.wt",
          "WiredTiger.turtle",
          "storage.bson",
          "mongod.lock",
          "_mdb_catalog.wt");

  private DbpathCandidates() {}

  /** Every candidate folder ("" for the archive's top level), sorted. */
  static List<String> in(Collection<String> names) {
    Set<String> roots = new TreeSet<>();
    for (String n : names) {
      String[] parts = n.split("/");
      for (int i = 0; i < parts.length; i++) {
        if (parts[i].equals(KEY_STORE)) {
          roots.add(String.join("/", java.util.Arrays.copyOf(parts, i)));
          break;
        }
      }
    }
    Set<String> all = names instanceof Set<String> s ? s : new java.util.HashSet<>(names);
    roots.removeIf(r -> !isDbpath(r, all));
    return List.copyOf(roots);
  }

  private static boolean isDbpath(String root, Set<String> names) {
    String prefix = root.isEmpty() ? "" : root + "/";
    for (String m : MARKERS) {
      if (names.contains(prefix + m)) {
        return true;
      }
    }
    for (String n : names) {
      if (n.startsWith(prefix + CREDENTIALS + "/")) {
        return true;
      }
    }
    return false;
  }

  /** The one dbpath: the chosen one, or the only candidate; otherwise a clear error. */
  static String choose(List<String> candidates, Optional<String> choice, String source) {
    if (choice.isPresent()) {
      String wanted = EntryNames.normalize(choice.get());
      if (candidates.contains(wanted)) {
        return wanted;
      }
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          CHOOSE_FLAG + " " + choice.get() + " is not a dbpath in " + source + found(candidates),
          candidates.isEmpty()
              ? "check that this is an Atlas snapshot archive"
              : "pass " + CHOOSE_FLAG + " " + show(candidates.get(0)) + " (or another listed)");
    }
    if (candidates.size() == 1) {
      return candidates.get(0);
    }
    if (candidates.isEmpty()) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "no dbpath in "
              + source
              + ": no folder in the archive holds key.store/ beside the WiredTiger files",
          "check that this is the snapshot archive of an Encryption-at-Rest cluster, as Atlas"
              + " delivers it");
    }
    return raiseTwo(candidates, source);
  }

  private static String raiseTwo(List<String> candidates, String source) {
    throw new RestoreException(
        ExitCode.SNAPSHOT,
        "the archive " + source + " holds several dbpaths" + found(candidates),
        "choose one with " + CHOOSE_FLAG + " " + show(candidates.get(0)));
  }

  private static String found(List<String> candidates) {
    if (candidates.isEmpty()) {
      return " (none found)";
    }
    StringBuilder b = new StringBuilder(":");
    for (String c : candidates) {
      b.append("\n  ").append(show(c));
    }
    return b.toString();
  }

  static String show(String candidate) {
    return candidate.isEmpty() ? "." : candidate;
  }
}
