package io.restore;

/**
 * A value from the user or a snapshot, made fit to echo in a message: at most {@value #MAX}
 * characters (then {@code …}), control characters shown as {@code \}{@code uXXXX} so a value cannot
 * forge or hide terminal lines. Never use it for secrets: those are named, never shown.
 */
public final class UserText {
  /** Enough for any real path or name; a 900 KB value echoed in full helps nobody. */
  public static final int MAX = 200;

  private UserText() {}

  /** The value, capped and with control characters escaped. */
  public static String cap(String value) {
    if (value == null) {
      return "null";
    }
    StringBuilder b = new StringBuilder(Math.min(value.length(), MAX) + 8);
    int shown = 0;
    for (int i = 0; i < value.length(); i++) {
      if (shown == MAX) {
        return b.append('…').toString();
      }
      char c = value.charAt(i);
      if (Character.isISOControl(c)) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
      shown++;
    }
    return b.toString();
  }

  /**
   * A whole message with every run of more than {@value #MAX} non-blank characters capped: the last
   * line of defence for a value echoed without {@link #cap}.
   */
  public static String capLongRuns(String message) {
    if (message == null) {
      return "";
    }
    StringBuilder b = new StringBuilder();
    int run = 0;
    for (int i = 0; i < message.length(); i++) {
      char c = message.charAt(i);
      if (Character.isWhitespace(c)) {
        run = 0;
        b.append(c);
      } else if (run < MAX) {
        run++;
        b.append(c);
      } else if (run == MAX) {
        run++;
        b.append('…');
      }
    }
    return b.toString();
  }
}
