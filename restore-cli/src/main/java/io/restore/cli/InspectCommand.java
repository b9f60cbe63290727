package io.restore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code restore inspect}. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = "Show what a snapshot holds: key id, provider, metadata fields (never values).")
final class InspectCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotImplemented.command("inspect");
  }
}
