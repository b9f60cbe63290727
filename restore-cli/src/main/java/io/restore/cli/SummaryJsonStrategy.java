package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.Optional;
import picocli.CommandLine;
import picocli.CommandLine.ExecutionException;
import picocli.CommandLine.IExecutionStrategy;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Runs the command picocli parsed (as {@link CommandLine.RunLast}) and then writes its {@code
 * --summary-json}, if it has one, with the outcome: exit code and error message included, also for
 * errors raised before any work (bad option combinations, an unreadable snapshot).
 */
final class SummaryJsonStrategy implements IExecutionStrategy {
  @Override
  public int execute(ParseResult parsed) {
    ParseResult last = parsed;
    while (last.hasSubcommand()) {
      last = last.subcommand();
    }
    Optional<RunSummary> summary =
        last.commandSpec().userObject() instanceof RunSummary.Source s
            ? s.runSummary()
            : Optional.empty();
    if (summary.isEmpty() || last.isUsageHelpRequested() || last.isVersionHelpRequested()) {
      return new CommandLine.RunLast().execute(parsed);
    }
    int code;
    try {
      code = new CommandLine.RunLast().execute(parsed);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      summary.get().write(UserFacingErrors.exitCodeOf(cause), message(cause));
      throw e;
    } catch (ParameterException e) {
      summary.get().write(ExitCode.USAGE.value(), e.getMessage());
      throw e;
    }
    String problem = summary.get().write(code, null);
    if (problem != null && code == 0) {
      last.commandSpec().commandLine().getErr().println("restore: " + problem);
      return ExitCode.FAILURE.value();
    }
    return code;
  }

  private static String message(Throwable t) {
    return t instanceof RestoreException r ? r.getMessage() : "internal error: " + t;
  }
}
