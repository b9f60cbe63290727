package io.restore.cli;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    commandListHeading = "%nCommands:%n",
    exitCodeListHeading = "%nExit codes:%n")
final class RestoreCommand implements Runnable {
  /**
   * The sub-commands by name, in the order help lists them. Not in the annotation: {@link Main}
   * builds only the one a run invokes (picocli builds a command's whole model, options and mixins
   * by reflection, when it is added: about 0.1 s for all of them, docs/benchmarks.md "Start-up").
   */
  static final Map<String, Class<?>> COMMANDS = commands();

  private static Map<String, Class<?>> commands() {
    Map<String, Class<?>> m = new LinkedHashMap<>();
    m.put("open", OpenCommand.class);
    m.put("dump", DumpCommand.class);
    m.put("proxy", ProxyCommand.class);
    m.put("inspect", InspectCommand.class);
    m.put("metadata", MetadataCommand.class);
    m.put("atlas", AtlasCommand.class);
    m.put("ps", PsCommand.class);
    m.put("stop", StopCommand.class);
    m.put("completion", CompletionCommand.class);
    m.put("help", HelpCommand.class);
    return Collections.unmodifiableMap(m);
  }

  /**
   * The sub-commands a run with {@code args} needs: only the invoked one when the first argument
   * names one that works alone; all of them otherwise (usage, errors, {@code help} and {@code
   * completion} list every command).
   */
  static Collection<Class<?>> commandsFor(String[] args) {
    if (args.length > 0 && COMMANDS.containsKey(args[0])) {
      if (!args[0].equals("help") && !args[0].equals("completion")) {
        return List.of(COMMANDS.get(args[0]));
      }
    }
    return COMMANDS.values();
  }

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
