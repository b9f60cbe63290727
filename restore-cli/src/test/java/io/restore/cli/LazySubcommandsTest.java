package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** A run builds only the sub-command it invokes; usage, help and completion see every one. */
class LazySubcommandsTest {
  @Test
  void everyNameIsTheCommandsOwn() {
    RestoreCommand.COMMANDS.forEach(
        (name, type) -> assertThat(type.getAnnotation(Command.class).name()).isEqualTo(name));
    assertThat(Main.commandLine().getSubcommands().keySet())
        .containsExactlyElementsOf(RestoreCommand.COMMANDS.keySet());
  }

  @Test
  void anInvokedCommandIsBuiltAlone() {
    assertThat(RestoreCommand.commandsFor(new String[] {"open", "/snap"}))
        .containsExactly(OpenCommand.class);
    assertThat(RestoreCommand.commandsFor(new String[] {"dump", "--help"}))
        .containsExactly(DumpCommand.class);
  }

  @Test
  void usageHelpCompletionAndMistakesSeeEveryCommand() {
    for (String[] args :
        List.of(
            new String[] {},
            new String[] {"--help"},
            new String[] {"help", "open"},
            new String[] {"completion", "bash"},
            new String[] {"opne"},
            new String[] {"-x", "open"})) {
      assertThat(RestoreCommand.commandsFor(args))
          .as(String.join(" ", args))
          .containsExactlyElementsOf(RestoreCommand.COMMANDS.values());
    }
  }

  @Test
  void theWholeTreeAndAOneCommandTreeParseTheSameCommand() {
    CommandLine.ParseResult all = Main.commandLine().parseArgs("ps", "--json");
    assertThat(all.subcommand().commandSpec().name()).isEqualTo("ps");
  }
}
