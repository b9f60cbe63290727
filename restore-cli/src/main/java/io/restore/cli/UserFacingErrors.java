package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.output.Console;
import io.restore.output.log.LogRoutes;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns exceptions into messages for people and exit codes; only bugs keep their stack trace. */
final class UserFacingErrors implements IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parsed) {
    PrintWriter err = cmd.getErr();
    // The run's console, when it has one: clears live lines first, timestamps lines off a terminal.
    Console console =
        LogRoutes.console().filter(c -> c.writesTo(err)).orElseGet(() -> Console.plain(err));
    console.clearLive();
    if (ex instanceof RestoreException e) {
      StringBuilder text = new StringBuilder("restore: ").append(e.getMessage());
      if (e.nextStep() != null && !e.nextStep().isBlank()) {
        text.append("\n  next: ").append(e.nextStep());
      }
      console.error(text.toString());
    } else {
      console.error("restore: internal error, please report it with this trace:");
      ex.printStackTrace(err);
    }
    err.flush();
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
