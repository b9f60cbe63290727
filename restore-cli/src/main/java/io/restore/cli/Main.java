package io.restore.cli;

import io.restore.ExitCode;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine;

/** Entry point of the {@code restore} command. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(commandLine(Wiring.system()).execute(args));
  }

  /** The product's command line; tests call {@code execute} on it with captured writers. */
  public static CommandLine commandLine() {
    return commandLine(Wiring.system());
  }

  /** The fully configured command line, its commands built by {@code wiring}. */
  public static CommandLine commandLine(Wiring wiring) {
    CommandLine cmd = new CommandLine(RestoreCommand.class, wiring);
    cmd.setExecutionExceptionHandler(new UserFacingErrors());
    cmd.setExitCodeExceptionMapper(UserFacingErrors::exitCodeOf);
    Map<String, String> exitCodes = new LinkedHashMap<>();
    for (ExitCode code : ExitCode.values()) {
      exitCodes.put(String.format("%3d", code.value()), code.meaning());
    }
    cmd.getCommandSpec().usageMessage().exitCodeList(exitCodes);
    return cmd;
  }
}
