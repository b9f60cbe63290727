package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * Every range-checked number option ({@link OptionValues.IntRange}) refuses a value out of its
 * range while parsing, with one line naming the flag, the value and the allowed range, then where
 * to look next; exit 2 before any work (the snapshot path does not even exist).
 */
class OptionRangesTest {
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(new StringWriter(), true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "open | --mongod-port | 65536 | a port number (0 to 65535; 0 = any free port)",
        "open | --port | -1 | a port number (0 to 65535; 0 = any free port)",
        "open | -mongodPort | 65536 | a port number (0 to 65535; 0 = any free port)",
        "proxy | --kmip-port | 70000 | a port number (0 to 65535; 0 = any free port)",
        "open | --startup-timeout | 604801 | a number of seconds (1 to 604800)",
        "open | --max-parallel-mongods | 0 | a number of mongods (1 to 64)",
        "open | --max-parallel-mongods | 65 | a number of mongods (1 to 64)",
        "inspect | --kms-timeout | 86401 | a number of seconds (1 to 86400)",
        "inspect | --kms-attempts | 0 | a number of attempts (1 to 10)",
        "inspect | --kms-attempts | ten | a number of attempts (1 to 10)",
        "dump | --parallel-collections | 65 | a number of collections (1 to 64)",
        "dump | --numParallelCollections | x | a number of collections (1 to 64)",
        "dump | --compression-level | 10 | a compression level (1 to 9; 1 fastest, 9 smallest)",
        "dump | --upload-part-size | 4 | a part size in MiB (5 to 512)",
        "dump | --upload-parallel | 17 | a number of parts in flight (1 to 16)",
      })
  void aValueOutOfRangeNamesTheFlagAsTypedTheValueAndTheRange(
      String command, String flag, String value, String what) {
    int code = run(command, "/nonexistent/snapshot", flag, value);

    assertThat(code).as(err.toString()).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .startsWith(
            "restore: Invalid value for option '"
                + flag
                + "': '"
                + value
                + "' is not "
                + what
                + System.lineSeparator())
        .contains("Try 'restore " + command + " --help' for more information.")
        .doesNotContain("Exception", "\tat ");
  }

  @Test
  void aShortNameIsReportedByItsLongName() {
    assertThat(run("dump", "/nonexistent/snapshot", "-j", "0")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .startsWith(
            "restore: Invalid value for option '--parallel-collections': '0' is not a number of"
                + " collections (1 to 64)");
  }
}
