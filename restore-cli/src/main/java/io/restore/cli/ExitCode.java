package io.restore.cli;

/**
 * Every exit code {@code restore} uses, with its meaning. One source for the code, the usage help
 * and the docs.
 */
public enum ExitCode {
  OK(0, "success"),
  FAILURE(1, "the job failed (details on stderr)"),
  USAGE(2, "bad command line, or a command that is not implemented yet"),
  INTERNAL(70, "internal error (a bug: please report it with the stack trace)");

  private final int value;
  private final String meaning;

  ExitCode(int value, String meaning) {
    this.value = value;
    this.meaning = meaning;
  }

  public int value() {
    return value;
  }

  public String meaning() {
    return meaning;
  }
}
