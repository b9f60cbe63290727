package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.ExitCode;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every way {@code restore open} can fail: the exit code (ExitCode), a message that names the cause
 * and the next step, and a teardown that leaves nothing behind — whatever had been started by then.
 * restore runs in this JVM with the mongod stand-in in-JVM ({@link InJvmRestore}); the last test is
 * a child-process smoke test for what only real processes show (SIGKILL, the watchdog, a second
 * restore refused).
 */
class OpenFailureTest {
  @TempDir static Path shared;
  static Sample sample;

  @TempDir Path state;
  @TempDir Path runtime;

  @BeforeAll
  static void generate() throws Exception {
    sample = SampleSnapshotGenerator.smallLocal(shared, 82);
  }

  /** A finished run and its transcript. */
  private record Run(int exit, String stderr, String transcript) {}

  private List<String> args(String... extra) {
    List<String> args = new ArrayList<>(List.of("open", sample.dbpath().toString()));
    if (List.of(extra).stream().noneMatch(a -> a.equals("--mongod"))) {
      args.addAll(List.of("--mongod", RestoreProcess.standIn().toString()));
    }
    args.addAll(List.of(extra));
    return args;
  }

  private InJvmRestore start(Map<String, String> extraEnv, String... extra) {
    return InJvmRestore.start(InJvmRestore.env(state, runtime, extraEnv), args(extra));
  }

  /** Runs {@code restore open} to its end and checks that it left nothing behind. */
  private Run run(Map<String, String> extraEnv, String... extra) throws Exception {
    try (InJvmRestore restore = start(extraEnv, extra)) {
      int exit = restore.awaitExit();
      Run run = new Run(exit, restore.stderr(), restore.transcript());
      restore.kmipPort().ifPresent(Leftovers::assertNotListening);
      restore.assertStandInsEnded();
      assertNoMongodOnTheSnapshot();
      Leftovers.assertNoSession(state);
      Leftovers.assertNoSessionFiles(runtime);
      return run;
    }
  }

  /** No child process runs on the snapshot (the smoke test's real mongod included). */
  private static void assertNoMongodOnTheSnapshot() {
    String marker = sample.dbpath().toString();
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(
                        ProcessHandle.allProcesses()
                            .filter(p -> p.info().commandLine().orElse("").contains(marker))
                            .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                    .as("processes still using the snapshot")
                    .isEmpty());
  }

  private static void assertExit(Run run, ExitCode code) {
    assertThat(run.exit()).as(run.transcript()).isEqualTo(code.value());
  }

  @Test
  void aCommunityBuildIsRefusedBeforeAnythingStarts() throws Exception {
    Run run = run(Map.of("STANDIN_COMMUNITY", "1"), "--exec", "--", "true");
    assertExit(run, ExitCode.MONGOD_UNUSABLE);
    assertThat(run.stderr())
        .contains("is MongoDB Community")
        .contains("next: ")
        .contains("Enterprise")
        .doesNotContain("KMIP server on");
  }

  @Test
  void aMissingMongodBinaryIsNamedWithTheFlagToFixIt() throws Exception {
    Run run = run(Map.of(), "--mongod", "/nonexistent/bin/mongod", "--exec", "--", "true");
    assertExit(run, ExitCode.MONGOD_UNUSABLE);
    assertThat(run.stderr())
        .contains(
            "mongod not found at /nonexistent/bin/mongod (from --mongod /nonexistent/bin/mongod)")
        .contains("next: check the path given with --mongod");
  }

  @Test
  void anUnreadableKeyFileFailsAtTheKeySourceBeforeMongodStarts() throws Exception {
    Run run = run(Map.of(), "--key-file", "/nonexistent/master.key", "--exec", "--", "true");
    assertExit(run, ExitCode.KMS);
    assertThat(run.stderr())
        .contains(
            "key file (from --key-file) /nonexistent/master.key does not exist (no such file)")
        .contains("next: ")
        .doesNotContain("KMIP server on");
  }

  @Test
  void aWrongMasterKeyMakesMongodExit14AndRestoreSaysToCheckTheKey(@TempDir Path keys)
      throws Exception {
    Path wrong = keys.resolve("other.key");
    Files.write(wrong, SampleSnapshotGenerator.masterKeyFor(999));
    Run run = run(Map.of(), "--key-file", wrong.toString(), "--exec", "--", "true");
    assertExit(run, ExitCode.MONGOD_FAILED);
    assertThat(run.stderr())
        .contains("mongod exited with code 14")
        .contains("28595") // the stand-in's "Unable to open the encrypted data files"
        .contains("next: ")
        .contains("matches the master key");
  }

  @Test
  void aTakenPortIsExit7AndSaysToLeaveOutPort() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Run run =
          run(
              Map.of(),
              "--mongod-port",
              Integer.toString(taken.getLocalPort()),
              "--exec",
              "--",
              "true");
      assertExit(run, ExitCode.PORT_IN_USE);
      assertThat(run.stderr())
          .contains("mongod exited with code 48")
          .contains("22856")
          .contains("next: leave out --mongod-port");
    }
  }

  @ParameterizedTest(name = "mongod exit {0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "62  | MONGOD_UNUSABLE | 20573           | next: use a mongod of the snapshot's major version",
        "100 | MONGOD_FAILED   | DBPathInUse     | next: stop any other mongod using this dbpath",
        "14  | MONGOD_FAILED   | Fatal assertion | next: read the log lines above",
      })
  void mongodsExitCodesOnStartAreExplained(
      String mongodExit, ExitCode expected, String logLine, String next) throws Exception {
    Run run = run(Map.of("STANDIN_EXIT_ON_START", mongodExit), "--exec", "--", "true");
    assertExit(run, expected);
    assertThat(run.stderr())
        .contains("mongod exited with code " + mongodExit)
        .contains(logLine)
        .contains("last ") // mongod's last log lines
        .contains(next);
  }

  @Test
  void aStartupTimeoutNamesTheOptionToRaiseAndStopsTheStartingMongod() throws Exception {
    Run run =
        run(
            Map.of("STANDIN_STARTUP_DELAY_MS", "600000"),
            "--startup-timeout",
            "1",
            "--exec",
            "--",
            "true");
    assertExit(run, ExitCode.MONGOD_FAILED);
    assertThat(run.stderr())
        .contains("mongod was not ready after 1 s")
        .contains("next: raise --startup-timeout");
  }

  @Test
  void sigtermDuringStartupEscalatesToALoudSigkillWhenMongodIgnoresIt() throws Exception {
    Map<String, String> env =
        Map.of(
            "STANDIN_STARTUP_DELAY_MS",
            "600000",
            "STANDIN_IGNORE_SIGTERM",
            "1",
            RestoreSession.SHUTDOWN_TIMEOUT_ENV,
            "1");
    try (InJvmRestore restore = start(env, "--exec", "--", "true")) {
      // mongod logs 24199 once it has the key: its signal handlers are in place by then
      await()
          .atMost(RestoreProcess.PATIENCE)
          .until(
              () ->
                  Leftovers.sessionMongodLog(runtime).contains("\"id\":24199,")
                      || !restore.isRunning());
      int kmipPort = restore.kmipPort().orElseThrow();

      restore.signal("TERM");

      assertThat(restore.awaitExit())
          .as(restore.transcript())
          .isEqualTo(ExitCode.INTERRUPTED.value());
      assertThat(restore.stderr())
          .contains("ignored SIGTERM for 1 s; sending SIGKILL. Its data files may be damaged")
          .contains("stopped while mongod was starting; everything started so far was stopped");
      Leftovers.assertNotListening(kmipPort);
      restore.assertStandInsEnded();
    }
    Leftovers.assertNoSession(state);
    Leftovers.assertNoSessionFiles(runtime);
  }

  @Test
  void aMongodCrashMidSessionEndsTheSessionWithExit6AndStopsTheKmipServer() throws Exception {
    try (InJvmRestore restore = start(Map.of())) {
      restore.awaitUri();
      int kmipPort = restore.kmipPort().orElseThrow();
      int mongodPort = restore.mongodPort();

      restore.launcher.mongod().crash(); // what STANDIN_CRASH_AFTER_SECONDS does

      int exit = restore.awaitExit();
      assertThat(exit).as(restore.transcript()).isEqualTo(ExitCode.MONGOD_FAILED.value());
      assertThat(restore.stderr())
          .contains("mongod exited with code 14 during the session")
          .contains("23089") // the stand-in's fatal assertion before it dies
          .contains("next: ");
      restore.assertStandInsEnded();
      Leftovers.assertNotListening(mongodPort, kmipPort);
      Leftovers.assertNoSession(state);
      Leftovers.assertNoSessionFiles(runtime);
    }
  }

  /** restore as a real child process, with the stand-in as its real child. */
  private RestoreProcess startProcess(String... extra) throws Exception {
    return RestoreProcess.start(
        RestoreProcess.baseEnv(state, runtime), args(extra).toArray(String[]::new));
  }

  @Test
  void aSecondOpenIsRefusedAndASigkilledRestoresWatchdogStopsMongodAndTheNextOpenCleansUp()
      throws Exception {
    try (RestoreProcess first = startProcess()) {
      first.awaitUri();
      long mongodPid = first.mongodPid();
      List<ProcessHandle> started = first.descendants();
      assertThat(started).hasSizeGreaterThanOrEqualTo(2); // mongod and its watchdog

      try (RestoreProcess second = startProcess("--exec", "--", "true")) {
        assertThat(second.awaitExit())
            .as(second.transcript())
            .isEqualTo(ExitCode.SESSION_CONFLICT.value());
        assertThat(second.stderr())
            .contains("another restore session is using " + sample.dbpath().toRealPath())
            .contains("mongod pid " + mongodPid)
            .contains("next: use that session, or end it with: restore stop ");
      }
      assertThat(ProcessHandle.of(mongodPid)).get().matches(ProcessHandle::isAlive);

      first.signal("KILL");

      Leftovers.assertProcessesGone(started);
      assertThat(sample.dbpath().resolve("mongod.lock"))
          .as("the stand-in empties mongod.lock only on a clean shutdown")
          .isEmptyFile();
      Leftovers.assertNoSession(state); // the record of a session whose mongod is gone is stale
    }
    try (var left = Files.list(runtime.resolve("restore"))) {
      assertThat(left).as("the killed session's folder (client certificate and key)").hasSize(1);
    }

    // the next session on the snapshot starts as usual and removes the abandoned folder
    Run next = run(Map.of(), "--exec", "--", "true");
    assertExit(next, ExitCode.OK);
  }
}
