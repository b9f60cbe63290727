package io.restore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code restore dump}. */
@Command(
    name = "dump",
    mixinStandardHelpOptions = true,
    description = "Open a snapshot, dump it to plain files, and tear everything down.")
final class DumpCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotImplemented.command("dump");
  }
}
