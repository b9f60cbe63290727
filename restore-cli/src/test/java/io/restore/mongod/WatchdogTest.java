package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.testkit.mongod.ScriptedMongod;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A SIGKILLed restore leaves no unattended mongod (docs/design/reliability.md row 11). */
class WatchdogTest {
  @TempDir Path dir;
  private Process child;
  private long mongodPid;

  @AfterEach
  void cleanUp() {
    if (child != null) {
      child.destroyForcibly();
    }
    if (mongodPid > 0) {
      ProcessHandle.of(mongodPid).ifPresent(ProcessHandle::destroyForcibly);
    }
  }

  /**
   * Starts a child JVM that launches {@code mongod} with a watchdog; returns [mongod, watchdog].
   */
  private long[] restoreChild(ScriptedMongod mongod, Duration grace) throws Exception {
    return restoreChild(mongod, grace, false);
  }

  /**
   * {@code stderrPipe}: the child's stderr (which its watchdog inherits) is a pipe to this JVM
   * instead of a file, so the test can close the reading end as a supervisor that stops reading
   * when restore dies would.
   */
  private long[] restoreChild(ScriptedMongod mongod, Duration grace, boolean stderrPipe)
      throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                WatchdogChild.class.getName(),
                mongod.binary().toString(),
                dir.toString(),
                Long.toString(grace.toMillis()),
                stderrPipe ? "inherit" : "file"));
    if (!stderrPipe) {
      pb.redirectError(dir.resolve("child.err").toFile());
    }
    child = pb.start();
    BufferedReader out =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
    String line = out.readLine();
    assertThat(line)
        .as("child stderr: %s", readOrEmpty(dir.resolve("child.err")))
        .startsWith("READY ");
    String[] parts = line.split(" ");
    mongodPid = Long.parseLong(parts[1]);
    // The script traps SIGTERM before it announces its port: a signal any earlier would find the
    // shell's default action (a slow start on a loaded machine), not mongod's clean shutdown.
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> readOrEmpty(dir.resolve("mongod.log")).contains("23016"));
    return new long[] {mongodPid, Long.parseLong(parts[2])};
  }

  @Test
  void sigtermsMongodCleanlyWhenRestoreIsKilled() throws Exception {
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).readyOn(1).write();
    long[] pids = restoreChild(mongod, Duration.ofSeconds(30));
    ProcessIdentity m = ProcessIdentity.of(pids[0]).orElseThrow();
    assertThat(m.isRunning()).isTrue();

    child.destroyForcibly(); // SIGKILL: no shutdown hook, no finally

    await().atMost(Duration.ofSeconds(15)).until(() -> !m.isRunning());
    assertThat(mongod.events()).contains("SIGTERM", "exit 0");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () -> assertThat(readOrEmpty(dir.resolve("watchdog.log"))).contains("stopped cleanly"));
    assertThat(readOrEmpty(dir.resolve("watchdog.log"))).doesNotContain("SIGKILL");
  }

  /**
   * Found with four mongods (ClusterKillTest): when restore's stderr is a pipe whose reader stops
   * reading once restore is gone (the JDK closes a child's pipes when it exits; so may a log
   * shipper or a supervisor), the watchdog's first message raised SIGPIPE and killed it before it
   * signalled mongod, and the mongod stayed.
   */
  @Test
  void stopsMongodEvenWhenNobodyReadsItsMessagesAnyMore() throws Exception {
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).readyOn(1).write();
    long[] pids = restoreChild(mongod, Duration.ofSeconds(30), true);
    ProcessIdentity m = ProcessIdentity.of(pids[0]).orElseThrow();
    ProcessIdentity watchdog = ProcessIdentity.of(pids[1]).orElseThrow();
    child.getErrorStream().close(); // nobody reads restore's (and the watchdog's) stderr now

    child.destroyForcibly();

    await().atMost(Duration.ofSeconds(15)).until(() -> !m.isRunning());
    assertThat(mongod.events()).contains("SIGTERM", "exit 0");
    await().atMost(Duration.ofSeconds(15)).until(() -> !watchdog.isRunning());
  }

  @Test
  void escalatesToSigkillLoudlyWhenMongodIgnoresSigterm() throws Exception {
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).readyOn(1).ignoreSigterm().write();
    long[] pids = restoreChild(mongod, Duration.ofMillis(300));
    ProcessIdentity m = ProcessIdentity.of(pids[0]).orElseThrow();

    child.destroyForcibly();

    await().atMost(Duration.ofSeconds(15)).until(() -> !m.isRunning());
    assertThat(mongod.events()).contains("SIGTERM").doesNotContain("exit 0");
    await()
        .atMost(Duration.ofSeconds(5))
        .untilAsserted(
            () ->
                assertThat(readOrEmpty(dir.resolve("watchdog.log")))
                    .contains("WARNING", "SIGKILL", "damaged"));
  }

  @Test
  void anOrderlyStopDisarmsTheWatchdogWithoutSignals() throws Exception {
    Path scriptDir = dir.resolve("s");
    try (ScriptedMongod.Wire wire = ScriptedMongod.Wire.start(scriptDir)) {
      ScriptedMongod mongod = ScriptedMongod.in(scriptDir).readyOn(wire.port()).write();
      MongodLaunch launch =
          new Scripted()
              .launch(mongod.binary(), dir)
              .withWatchdog(
                  Optional.of(Duration.ofSeconds(30)),
                  ProcessBuilder.Redirect.appendTo(dir.resolve("watchdog.log").toFile()));
      MongodProcess p = MongodProcess.start(launch, x -> {});
      Watchdog watchdog = p.watchdog().orElseThrow();
      assertThat(watchdog.isAlive()).isTrue();

      assertThat(p.stop().rung()).isEqualTo(StopReport.Rung.SHUTDOWN_COMMAND);

      await().atMost(Duration.ofSeconds(10)).until(() -> !watchdog.isAlive());
      assertThat(mongod.events()).doesNotContain("SIGTERM");
      assertThat(readOrEmpty(dir.resolve("watchdog.log"))).isEmpty();
    }
  }

  @Test
  void neverSignalsAProcessThatMerelyReusedThePid() throws Exception {
    // A watchdog for a "process" whose start time does not match: it must leave the pid alone.
    Process bystander = new ProcessBuilder("sleep", "30").start();
    try {
      ProcessIdentity real = ProcessIdentity.of(bystander.pid()).orElseThrow();
      ProcessIdentity impostor =
          new ProcessIdentity(real.pid(), real.startInstant(), real.startTicks() + 1);
      Watchdog w2 =
          Watchdog.guard(impostor, Duration.ofMillis(100), ProcessBuilder.Redirect.DISCARD);
      w2.abandon(); // as if restore died
      await().atMost(Duration.ofSeconds(10)).until(() -> !w2.isAlive());
      assertThat(bystander.isAlive()).isTrue();
    } finally {
      bystander.destroyForcibly();
    }
  }

  private static String readOrEmpty(Path p) throws Exception {
    return Files.exists(p) ? Files.readString(p) : "";
  }
}
