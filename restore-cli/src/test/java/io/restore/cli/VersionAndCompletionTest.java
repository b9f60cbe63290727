package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class VersionAndCompletionTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void versionNamesTheBuildTheRuntimeAndTheLibraries() {
    assertThat(run("--version")).isZero();
    String version = out.toString();
    assertThat(version)
        .startsWith("restore " + BuildInfo.version() + System.lineSeparator())
        .contains("not BSD's dump/restore")
        .contains("Java            " + System.getProperty("java.version"))
        .contains(System.getProperty("java.vendor"))
        .contains(System.getProperty("os.arch"))
        .doesNotContain("${");
    // The build wrote the resolved versions of every library the output names.
    BuildInfo.LIBRARIES.forEach(
        (label, coordinates) ->
            assertThat(version).containsPattern(label + " +\\d[^ ]* \\(" + coordinates + "\\)"));
  }

  @Test
  void theFastPathPrintsExactlyWhatPicocliPrints() {
    assertThat(run("--version")).isZero();
    java.io.ByteArrayOutputStream fast = new java.io.ByteArrayOutputStream();
    VersionFastPath.print(
        new java.io.PrintStream(fast, true, java.nio.charset.StandardCharsets.UTF_8));
    assertThat(fast.toString(java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(out.toString());
  }

  @Test
  void theFastPathTakesOnlyABareVersionFlag() {
    assertThat(VersionFastPath.applies(new String[] {"--version"})).isTrue();
    assertThat(VersionFastPath.applies(new String[] {"-V"})).isTrue();
    assertThat(VersionFastPath.applies(new String[] {"open", "--version"})).isFalse();
    assertThat(VersionFastPath.applies(new String[] {"--version", "--help"})).isFalse();
    assertThat(VersionFastPath.applies(new String[] {})).isFalse();
  }

  @Test
  void dependencyListLinesAreParsedWithOrWithoutModuleNames() {
    String list =
        "\nThe following files have been resolved:\n"
            + "   org.mongodb:mongodb-driver-sync:jar:5.14.0:compile -- module org.mongodb.driver.sync.client\n"
            + "   com.example:thing:jar:linux-x86_64:1.2.3:runtime\n"
            + "   none\n";
    assertThat(BuildInfo.dependencyVersions(list))
        .containsEntry("org.mongodb:mongodb-driver-sync", "5.14.0")
        .containsEntry("com.example:thing", "1.2.3")
        .hasSize(2);
  }

  @Test
  void bashCompletionCoversTheSubcommands() {
    assertThat(run("completion", "bash")).isZero();
    assertThat(out.toString())
        .contains("complete -F _complete_restore")
        .contains("open", "dump", "completion");
  }

  @Test
  void zshCompletionIsACompdefFileOverBashcompinit() {
    assertThat(run("completion", "zsh")).isZero();
    assertThat(out.toString())
        .startsWith("#compdef restore\n")
        .contains("bashcompinit")
        .contains("_bash_complete -F _complete_restore");
  }

  @Test
  void anUnknownShellIsAUsageError() {
    assertThat(run("completion", "fish")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("bash", "zsh");
  }
}
