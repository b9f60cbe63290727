package io.restore.cli;

import io.restore.ExitCode;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * picocli's convention for every command: a usage error prints what was wrong and the short help
 * (the synopsis, the sub-commands for {@code restore} itself) on stderr and exits 2; the full help
 * is {@code --help}, on stdout, exit 0.
 */
final class UsageErrors implements IParameterExceptionHandler {
  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    PrintWriter err = cmd.getErr();
    err.println("restore: " + ex.getMessage());
    UnmatchedArgumentException.printSuggestions(ex, err);
    err.println();
    shortHelp(cmd, err);
    err.flush();
    return ExitCode.USAGE.value();
  }

  static void shortHelp(CommandLine cmd, PrintWriter err) {
    CommandLine.Help help = cmd.getHelp();
    err.print("Usage: " + help.synopsis(0));
    if (!cmd.getSubcommands().isEmpty()) {
      err.print(help.commandListHeading());
      err.print(help.commandList());
    }
    err.println();
    err.printf("Try '%s --help' for more information.%n", cmd.getCommandSpec().qualifiedName());
  }
}
