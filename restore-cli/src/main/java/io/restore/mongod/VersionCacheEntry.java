package io.restore.mongod;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The text of one version-cache file: a header line, then {@code key=value} lines. The file is
 * untrusted input (anyone who can write the user's cache folder wrote it): anything unexpected
 * makes it no entry at all, so the binary is probed again and the file rewritten.
 */
final class VersionCacheEntry {
  static final String HEADER = "restore mongod-version cache 1";

  /** Generous for "8.0.4", "7.0.14-rc1" or "8.1.0-alpha-123-gabcdef0". */
  private static final Pattern VERSION =
      Pattern.compile("(\\d{1,4})\\.(\\d{1,4})[0-9A-Za-z.+_-]{0,60}");

  private static final int MAX_LINES = 16;

  private VersionCacheEntry() {}

  static String format(VersionCache.BinaryIdentity id, MongodVersion v) {
    return HEADER
        + "\npath="
        + id.path()
        + "\nsize="
        + id.size()
        + "\nmtime="
        + id.mtimeNanos()
        + "\nctime="
        + id.ctimeNanos()
        + "\ninode="
        + id.inode()
        + "\ndev="
        + id.dev()
        + "\nversion="
        + v.version()
        + "\nenterprise="
        + v.enterprise()
        + "\n";
  }

  /** The version stored for exactly this binary, else empty (another binary, or not valid). */
  static Optional<MongodVersion> parse(String text, VersionCache.BinaryIdentity id) {
    String[] lines = text.split("\n", MAX_LINES + 2);
    if (lines.length > MAX_LINES + 1 || !lines[0].equals(HEADER)) {
      return Optional.empty();
    }
    Map<String, String> fields = new HashMap<>();
    for (int i = 1; i < lines.length; i++) {
      if (lines[i].isEmpty()) {
        continue;
      }
      int eq = lines[i].indexOf('=');
      if (eq <= 0 || fields.put(lines[i].substring(0, eq), lines[i].substring(eq + 1)) != null) {
        return Optional.empty(); // not key=value, or a key twice
      }
    }
    if (!id.equals(storedKey(fields))) {
      return Optional.empty(); // another binary at this path, or the file changed since
    }
    String version = fields.getOrDefault("version", "");
    String enterprise = fields.getOrDefault("enterprise", "");
    Matcher m = VERSION.matcher(version);
    if (!m.matches() || !(enterprise.equals("true") || enterprise.equals("false"))) {
      return Optional.empty();
    }
    return Optional.of(
        new MongodVersion(
            version,
            Integer.parseInt(m.group(1)),
            Integer.parseInt(m.group(2)),
            Boolean.parseBoolean(enterprise)));
  }

  private static VersionCache.BinaryIdentity storedKey(Map<String, String> f) {
    try {
      return new VersionCache.BinaryIdentity(
          f.getOrDefault("path", ""),
          Long.parseLong(f.getOrDefault("size", "")),
          Long.parseLong(f.getOrDefault("mtime", "")),
          Long.parseLong(f.getOrDefault("ctime", "")),
          Long.parseLong(f.getOrDefault("inode", "")),
          Long.parseLong(f.getOrDefault("dev", "")));
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
