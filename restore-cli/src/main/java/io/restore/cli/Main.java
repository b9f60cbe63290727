package io.restore.cli;

import io.restore.ExitCode;
import io.restore.output.Terminal;
import io.restore.output.log.RoutingServiceProvider;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code restore} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    if (VersionFastPath.applies(args)) {
      VersionFastPath.print(System.out);
      System.exit(0);
    }
    // restore's own SLF4J binding, even if another provider is on the class path (tests).
    System.setProperty("slf4j.provider", RoutingServiceProvider.class.getName());
    System.setProperty("slf4j.internal.verbosity", "WARN"); // not SLF4J's "loading provider" line
    CommandLine cmd = commandLine(Wiring.system(), RestoreCommand.commandsFor(args));
    Map<String, String> env = System.getenv();
    ((RestoreCommand) cmd.getCommand()).terminals =
        new OutputOptions.Terminals(
            Terminal.detect(Terminal.STDOUT, env), Terminal.detect(Terminal.STDERR, env));
    System.exit(cmd.execute(args));
  }

  /** The product's command line; tests call {@code execute} on it with captured writers. */
  public static CommandLine commandLine() {
    return commandLine(Wiring.system());
  }

  /** The fully configured command line, its commands built by {@code wiring}. */
  public static CommandLine commandLine(Wiring wiring) {
    return commandLine(wiring, RestoreCommand.COMMANDS.values());
  }

  private static CommandLine commandLine(Wiring wiring, Collection<Class<?>> subcommands) {
    CommandLine cmd = new CommandLine(RestoreCommand.class, wiring);
    for (Class<?> sub : subcommands) {
      cmd.addSubcommand(sub);
    }
    cmd.setExecutionExceptionHandler(new UserFacingErrors());
    cmd.setParameterExceptionHandler(new UsageErrors());
    cmd.setExitCodeExceptionMapper(UserFacingErrors::exitCodeOf);
    cmd.setExecutionStrategy(new SummaryJsonStrategy());
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      exitCodes.put(String.format("%3d", code.value()), code.meaning());
    }
    cmd.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    HelpLayout.apply(cmd);
    return cmd;
  }
}
