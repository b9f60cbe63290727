package io.restore.session;

import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A command line a person can paste into sh/bash: words with spaces or quotes are quoted. */
public final class ShellQuote {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

  private ShellQuote() {}

  public static String word(String s) {
    if (!s.isEmpty() && SAFE.matcher(s).matches()) {
      return s;
    }
    return "'" + s.replace("'", "'\\''") + "'";
  }

  public static String join(List<String> argv) {
    return argv.stream().map(ShellQuote::word).collect(Collectors.joining(" "));
  }
}
