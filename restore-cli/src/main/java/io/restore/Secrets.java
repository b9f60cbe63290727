package io.restore;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The credential values this process was given (flags, environment, metadata), so that any text
 * about to reach a person or a bug report can be scrubbed of them: an SDK may quote a value in an
 * exception message ("Illegal character(s) in message header value: <token>"). Registered when the
 * key-source settings are built; values are kept only as long as the process runs.
 */
public final class Secrets {
  /** Shorter pieces would scrub ordinary words; no real credential is this short. */
  private static final int MIN_LENGTH = 4;

  private static final Set<String> KNOWN = ConcurrentHashMap.newKeySet();

  private Secrets() {}

  /** Remembers a credential value (and each of its lines, which a message may quote apart). */
  public static void register(String value) {
    if (value == null) {
      return;
    }
    add(value);
    for (String part : value.split("\\p{Cntrl}+")) {
      add(part);
    }
  }

  private static void add(String s) {
    String t = s.strip();
    if (t.length() >= MIN_LENGTH) {
      KNOWN.add(t);
    }
  }

  /** {@code text} with every registered value replaced by {@code <redacted>}. */
  public static String scrub(String text) {
    if (text == null || KNOWN.isEmpty()) {
      return text;
    }
    List<String> longestFirst = new ArrayList<>(KNOWN);
    longestFirst.sort(Comparator.comparingInt(String::length).reversed());
    String out = text;
    for (String s : longestFirst) {
      out = out.replace(s, "<redacted>");
    }
    return out;
  }
}
