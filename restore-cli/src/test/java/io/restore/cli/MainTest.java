package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class MainTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void helpListsEverySubcommand() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("open", "dump", "proxy", "inspect");
  }

  @Test
  void versionComesFromTheBuild() {
    assertThat(run("--version")).isZero();
    assertThat(out.toString()).startsWith("restore ").doesNotContain("${project.version}");
  }

  @Test
  void noArgumentsIsAUsageErrorWithTheShortHelpOnStderr() {
    assertThat(run()).isEqualTo(ExitCode.USAGE.value());
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString())
        .contains("restore: missing a command", "Usage: restore", "Commands:", "open", "dump")
        .contains("Try 'restore --help' for more information.")
        .doesNotContain("Exit codes:");
  }

  @Test
  void aBareCommandGroupIsAUsageErrorToo() {
    assertThat(run("metadata")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("missing a command", "Usage: restore metadata", "set");
  }

  @Test
  void usageErrorsOfSubcommandsPrintTheShortHelpToo() {
    assertThat(run("open", "--no-such-flag", "x")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("restore: Unknown option: '--no-such-flag'")
        .contains("Usage: restore open [OPTIONS]")
        .contains("Try 'restore open --help'")
        .doesNotContain("--aws-access-key-id");
  }

  @Test
  void unknownOptionIsAUsageError() {
    assertThat(run("--no-such-flag")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("Unknown option: '--no-such-flag'");
  }

  @Test
  void usageHelpListsEveryExitCode() {
    run("--help");
    for (ExitCode code : ExitCode.values()) {
      assertThat(out.toString())
          .containsPattern(
              "(?m)^\\s*"
                  + code.value()
                  + "\\s+"
                  + java.util.regex.Pattern.quote(code.meaning().substring(0, 7)));
    }
  }

  @Test
  void internalErrorsMapToTheInternalExitCode() {
    assertThat(UserFacingErrors.exitCodeOf(new IllegalStateException("bug")))
        .isEqualTo(ExitCode.INTERNAL.value());
    assertThat(
            UserFacingErrors.exitCodeOf(new RestoreException(ExitCode.FAILURE, "boom", "do this")))
        .isEqualTo(ExitCode.FAILURE.value());
  }
}
