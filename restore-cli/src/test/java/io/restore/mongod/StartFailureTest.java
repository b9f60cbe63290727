package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.testkit.mongod.ScriptedMongod;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every way a start can fail is diagnosed: exit code meaning, next step, the last log lines. */
class StartFailureTest {
  @TempDir Path dir;
  private final Scripted scripted = new Scripted();

  private MongodStartException startFails(ScriptedMongod mongod, Duration timeout) {
    MongodLaunch launch = scripted.launch(mongod.binary(), dir).withStartupTimeout(timeout);
    return catchThrowableOfType(
        MongodStartException.class, () -> MongodProcess.start(launch, p -> {}));
  }

  @ParameterizedTest(name = "exit {0}")
  @CsvSource({
    "2,  bad options,             MONGOD_UNUSABLE, Enterprise",
    "14, abruptly,                MONGOD_FAILED,   key.store",
    "48, could not listen,        PORT_IN_USE,     leave out --mongod-port",
    "62, refused the data files,  MONGOD_UNUSABLE, major version",
    "100, locked by another mongod, MONGOD_FAILED, restore stop"
  })
  void explainsEachExitCodeWithTheNextStepAndTheLastLogLines(
      int code, String meaning, ExitCode exitCode, String next) {
    ScriptedMongod mongod =
        ScriptedMongod.in(dir.resolve("s"))
            .line(
                ScriptedMongod.logLine("I", "CONTROL", 20698, "***** SERVER RESTARTED *****", null))
            .line(ScriptedMongod.logLine("E", "CONTROL", 20000 + code, "the reason " + code, "{}"))
            .exitWith(code)
            .write();

    MongodStartException e = startFails(mongod, Duration.ofSeconds(20));

    assertThat(e.mongodExit()).hasValue(code);
    assertThat(e.exitCode()).isEqualTo(exitCode);
    assertThat(e.getMessage())
        .contains("mongod exited with code " + code, meaning, "the reason " + code, "mongod.log");
    assertThat(e.nextStep()).contains(next);
    assertThat(e.lastLines()).isNotEmpty();
  }

  @Test
  void explainsKmipFailuresByTheirLogIds() {
    ScriptedMongod mongod =
        ScriptedMongod.in(dir.resolve("s"))
            .line(ScriptedMongod.logLine("E", "STORAGE", 24240, "KMIP connect failed", "{}"))
            .exitWith(14)
            .write();

    MongodStartException e = startFails(mongod, Duration.ofSeconds(20));

    assertThat(e.exitCode()).isEqualTo(ExitCode.KMIP);
    assertThat(e.getMessage()).contains("KMIP server", "24240");
  }

  @Test
  void quotesPlainStderrLinesOfACommunityBuild() {
    ScriptedMongod mongod =
        ScriptedMongod.in(dir.resolve("s"))
            .community("7.0.14")
            .stderr("Error parsing command line: unrecognised option '--enableEncryption'")
            .exitWith(2)
            .write();

    MongodStartException e = startFails(mongod, Duration.ofSeconds(20));

    assertThat(e.getMessage()).contains("unrecognised option '--enableEncryption'", "Community");
  }

  @Test
  void failsFastOnAFatalLineEvenBeforeTheProcessExits() {
    ScriptedMongod mongod =
        ScriptedMongod.in(dir.resolve("s")).fatal(28595, "Unable to open the keystore").write();

    MongodStartException e = startFails(mongod, Duration.ofMinutes(5));

    assertThat(e.getMessage()).contains("fatal", "Unable to open the keystore");
    assertThat(mongod.events()).contains("SIGTERM"); // it was stopped, not left half-started
  }

  @Test
  void timesOutWhenLogId23016NeverComes() {
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).line("recovering...").write();

    MongodStartException e = startFails(mongod, Duration.ofMillis(800));

    assertThat(e.exitCode()).isEqualTo(ExitCode.MONGOD_FAILED);
    assertThat(e.getMessage()).contains("not ready after 800 ms", "log id 23016", "recovering...");
    assertThat(e.nextStep()).contains("--startup-timeout");
  }

  @Test
  void timesOutWhenThePortNeverAnswersPing() throws Exception {
    int closedPort;
    try (var s = new java.net.ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).readyOn(closedPort).write();

    MongodStartException e = startFails(mongod, Duration.ofMillis(1500));

    assertThat(e.getMessage()).contains("an answer to ping on 127.0.0.1:" + closedPort);
  }
}
