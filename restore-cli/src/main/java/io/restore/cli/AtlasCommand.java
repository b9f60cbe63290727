package io.restore.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code restore atlas}: Atlas Administration API helpers (today: {@code snapshots}). */
@Command(
    name = "atlas",
    mixinStandardHelpOptions = true,
    description =
        "Look at a cluster's cloud backup snapshots through the Atlas Administration API.",
    subcommands = {AtlasSnapshotsCommand.class})
final class AtlasCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing a command: restore atlas snapshots");
  }
}
