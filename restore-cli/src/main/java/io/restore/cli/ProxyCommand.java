package io.restore.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code restore proxy}. */
@Command(
    name = "proxy",
    mixinStandardHelpOptions = true,
    description = "Serve a snapshot's master key over KMIP for a mongod you start yourself.")
final class ProxyCommand implements Callable<Integer> {
  @Override
  public Integer call() {
    throw NotImplemented.command("proxy");
  }
}
