package io.restore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code restore open}. */
@Command(
    name = "open",
    mixinStandardHelpOptions = true,
    description =
        "Open an encrypted snapshot: decrypt its key, serve it over KMIP, run mongod on it.")
final class OpenCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotImplemented.command("open");
  }
}
