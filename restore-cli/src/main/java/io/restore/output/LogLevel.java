package io.restore.output;

import java.util.Locale;

/** How much restore says on stderr: {@code --log-level}, {@code --quiet} and {@code -v}. */
public enum LogLevel {
  /**
   * Errors only: {@code --quiet}; a successful run prints nothing but the machine-readable output
   * asked for, unless mongod had to be killed ({@link Console#alarm}).
   */
  ERROR,
  /** Errors and warnings. */
  WARN,
  /** Status lines and progress: the default. */
  INFO,
  /** Also the KMIP audit lines and the libraries' own messages: {@code -v}. */
  DEBUG,
  /** Everything: {@code -vv}. */
  TRACE;

  public boolean shows(LogLevel message) {
    return message.ordinal() <= ordinal();
  }

  /** The level {@code --log-level} names, or null when the name is unknown. */
  public static LogLevel named(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
