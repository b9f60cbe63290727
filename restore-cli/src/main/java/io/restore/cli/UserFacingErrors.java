package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into messages for people and exit codes; only bugs keep their stack trace. */
final class UserFacingErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    if (ex instanceof RestoreException e) {
      cmd.getErr().printf("restore: %s%n", e.getMessage());
      if (e.nextStep() != null && !e.nextStep().isBlank()) {
        cmd.getErr().printf("  next: %s%n", e.nextStep());
      }
    } else {
      cmd.getErr().println("restore: internal error, please report it with this trace:");
      ex.printStackTrace(cmd.getErr());
    }
    cmd.getErr().flush();
    return exitCodeOf(ex);
  }

  static int exitCodeOf(Throwable ex) {
    if (ex instanceof RestoreException e) {
      return e.exitCode().value();
    }
    if (ex instanceof CommandLine.ParameterException) {
      return ExitCode.USAGE.value();
    }
    return ExitCode.INTERNAL.value();
  }
}
