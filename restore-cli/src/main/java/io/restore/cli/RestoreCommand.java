package io.restore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
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
      PsCommand.class,
      StopCommand.class,
      CompletionCommand.class,
      HelpCommand.class
    },
    exitCodeListHeading = "%nExit codes:%n")
final class RestoreCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getErr());
  }
}
