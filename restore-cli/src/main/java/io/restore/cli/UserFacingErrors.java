package io.restore.cli;

import io.restore.BugReport;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.output.Console;
import io.restore.output.log.LogRoutes;
import java.io.PrintWriter;
import java.nio.file.Path;
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
      StringBuilder text = new StringBuilder("restore: ").append(shown(e.getMessage()));
      if (e.nextStep() != null && !e.nextStep().isBlank()) {
        text.append("\n  next: ").append(shown(e.nextStep()));
      }
      console.error(text.toString());
    } else {
      // A bug. Its exception message may quote a credential a library was handed, so the
      // terminal gets no message at all; the report file has them scrubbed (BugReport).
      Path report = BugReport.write(ex);
      console.error(
          "restore: internal error (a bug in restore)\n"
              + (report == null
                  ? "  next: please report it with the command line you ran (no details could be"
                      + " written)"
                  : "  next: please report it with the details in "
                      + report
                      + " (credentials removed; check before sharing)"));
    }
    err.flush();
    return exitCodeOf(ex);
  }

  /**
   * Last line of defence: no known credential, and no value echoed past 200 characters in the "what
   * happened" line (the lines after it are mongod's own log lines, shown whole).
   */
  static String shown(String text) {
    String scrubbed = Secrets.scrub(text);
    if (scrubbed == null) {
      return "";
    }
    int nl = scrubbed.indexOf('\n');
    return nl < 0
        ? UserText.capLongRuns(scrubbed)
        : UserText.capLongRuns(scrubbed.substring(0, nl)) + scrubbed.substring(nl);
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
