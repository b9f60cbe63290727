package io.restore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The root command: lists the sub-commands and only prints usage. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    versionProvider = BuildInfo.class,
    description = "Open encrypted MongoDB Atlas snapshots on any machine.",
    subcommands = {
      OpenCommand.class,
      DumpCommand.class,
      ProxyCommand.class,
      InspectCommand.class,
      MetadataCommand.class,
      AtlasCommand.class,
      PsCommand.class,
      StopCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n")
final class RestoreCommand implements Runnable {
  @Spec CommandSpec spec;

  /**
   * Set by {@link Main#main}; tests that run commands in-process see plain, non-terminal output.
   */
  OutputOptions.Terminals terminals = OutputOptions.Terminals.NONE;

  @Override
  public void run() {
    // Bare 'restore': a usage error (exit 2, short help on stderr), as for every command.
    throw new ParameterException(spec.commandLine(), "missing a command");
  }
}
