package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * mongodump's namespace patterns: {@code --nsInclude}/{@code --nsExclude} ({@code db.collection},
 * where {@code *} matches any run of characters, dots included, and a backslash makes the next
 * {@code *} or backslash literal) and {@code --excludeCollectionsWithPrefix}.
 */
public record NamespacePatterns(
    List<String> include, List<String> exclude, List<String> excludePrefixes) {
  public static final NamespacePatterns NONE =
      new NamespacePatterns(List.of(), List.of(), List.of());

  public NamespacePatterns {
    include = List.copyOf(Objects.requireNonNullElse(include, List.of()));
    exclude = List.copyOf(Objects.requireNonNullElse(exclude, List.of()));
    excludePrefixes = List.copyOf(Objects.requireNonNullElse(excludePrefixes, List.of()));
    include.forEach(p -> regex("--nsInclude", p));
    exclude.forEach(p -> regex("--nsExclude", p));
  }

  /** Whether {@code db.collection} passes these patterns. */
  public boolean selects(String db, String collection) {
    String ns = db + "." + collection;
    if (excludePrefixes.stream().anyMatch(collection::startsWith)) {
      return false;
    }
    if (!include.isEmpty() && include.stream().noneMatch(p -> regex("", p).matcher(ns).matches())) {
      return false;
    }
    return exclude.stream().noneMatch(p -> regex("", p).matcher(ns).matches());
  }

  public boolean isEmpty() {
    return include.isEmpty() && exclude.isEmpty() && excludePrefixes.isEmpty();
  }

  /** The pattern as an anchored regular expression. */
  static Pattern regex(String flag, String pattern) {
    if (pattern.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE, flag + " is empty", "give a pattern such as shop.* or *.orders");
    }
    StringBuilder re = new StringBuilder();
    StringBuilder literal = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        literal.append(pattern.charAt(++i));
      } else if (c == '*') {
        re.append(Pattern.quote(literal.toString())).append(".*");
        literal.setLength(0);
      } else {
        literal.append(c);
      }
    }
    re.append(Pattern.quote(literal.toString()));
    return Pattern.compile(re.toString(), Pattern.DOTALL);
  }
}
