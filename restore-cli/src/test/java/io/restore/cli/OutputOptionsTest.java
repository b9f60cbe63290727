package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class OutputOptionsTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(OutputOptions.Terminals terminals, String... args) {
    CommandLine cmd = Main.commandLine();
    ((RestoreCommand) cmd.getCommand()).terminals = terminals;
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void aBareArchiveIsRefusedWhenStdoutIsATerminal() {
    Terminal tty = new Terminal(true, true, false, 80);
    int code =
        run(
            new OutputOptions.Terminals(tty, Terminal.NONE),
            "dump",
            "--uri",
            "mongodb://127.0.0.1:1/",
            "--archive");
    assertThat(code).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("redirect stdout or give --archive=FILE");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void verbosityOptions() {
    // quiet means errors only: a warning is not what a cron job asked to hear about
    assertThat(level("--quiet")).isEqualTo(io.restore.output.LogLevel.ERROR);
    assertThat(level()).isEqualTo(io.restore.output.LogLevel.INFO);
    assertThat(level("-v")).isEqualTo(io.restore.output.LogLevel.DEBUG);
    assertThat(level("-vv")).isEqualTo(io.restore.output.LogLevel.TRACE);
    assertThat(level("--log-level", "error")).isEqualTo(io.restore.output.LogLevel.ERROR);
    assertThat(
            run(
                OutputOptions.Terminals.NONE,
                "dump",
                "--uri",
                "mongodb://127.0.0.1:1/",
                "-o",
                tmp.toString(),
                "--log-level",
                "loud"))
        .isEqualTo(ExitCode.USAGE.value());
  }

  private static io.restore.output.LogLevel level(String... args) {
    OutputOptions o = new OutputOptions();
    new CommandLine(o).parseArgs(args);
    return o.level();
  }

  @Test
  void aBadQueryIsAUsageErrorBeforeTheSnapshotIsEvenRead() {
    // tmp is not a snapshot: reaching the snapshot would be exit 3, not 2
    int code =
        run(
            OutputOptions.Terminals.NONE,
            "dump",
            tmp.toString(),
            "-d",
            "shop",
            "-c",
            "orders",
            "-q",
            "{not json",
            "-o",
            tmp.resolve("o").toString());
    assertThat(code).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("--query is not a JSON document")
        .doesNotContain("key.store");
  }
}
