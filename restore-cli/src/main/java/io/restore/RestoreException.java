package io.restore;

/**
 * An error meant for a person: what happened (naming the file or flag), what to do next, and the
 * exit code. The CLI prints these without a stack trace.
 */
public class RestoreException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String nextStep;
  private final ExitCode exitCode;

  public RestoreException(ExitCode exitCode, String message, String nextStep) {
    this(exitCode, message, nextStep, null);
  }

  public RestoreException(ExitCode exitCode, String message, String nextStep, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
    this.nextStep = nextStep;
  }

  public String nextStep() {
    return nextStep;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
