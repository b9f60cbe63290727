package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.mongod.ScriptedMongod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongodProcessTest {
  @TempDir Path dir;
  private final Scripted scripted = new Scripted();
  private ScriptedMongod.Wire wire;
  private MongodProcess started;

  @AfterEach
  void cleanUp() {
    if (started != null) {
      started.close();
    }
    if (wire != null) {
      wire.close();
    }
  }

  private ScriptedMongod readyScript() {
    Path scriptDir = dir.resolve("script");
    wire = ScriptedMongod.Wire.start(scriptDir);
    return ScriptedMongod.in(scriptDir).readyOn(wire.port()).write();
  }

  private MongodProcess start(MongodLaunch launch) throws InterruptedException {
    started = MongodProcess.start(launch, p -> {});
    return started;
  }

  @Test
  void becomesReadyOnTheAnnouncedPortAndAnswersThroughTheDriver() throws Exception {
    ScriptedMongod mongod = readyScript();
    MongodProcess p = start(scripted.launch(mongod.binary(), dir));

    assertThat(p.port()).hasValue(wire.port());
    assertThat(p.uri()).isEqualTo("mongodb://127.0.0.1:" + wire.port() + "/?directConnection=true");
    assertThat(p.pid()).isEqualTo(mongod.pid().orElseThrow());
    try (var client = MongoClients.create(p.uri())) {
      assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
          .isEqualTo(1.0);
    }
    assertThat(mongod.events().get(0))
        .startsWith("args --dbpath " + dir.resolve("db") + " --port 0 --bind_ip 127.0.0.1");
  }

  @Test
  void writesEveryOutputLineToTheSessionLogAndToleratesNonJsonLines() throws Exception {
    MongodProcess p = start(scripted.launch(readyScript().binary(), dir));

    assertThat(Files.readString(p.logFile()))
        .contains("\"id\":23016", "a line that is not JSON, tolerated");
    assertThat(p.log().last(20)).anyMatch(l -> !l.json());
  }

  @Test
  void stopsWithTheShutdownCommandFirstAndReportsTheRung() throws Exception {
    ScriptedMongod mongod = readyScript();
    MongodProcess p = start(scripted.launch(mongod.binary(), dir));

    StopReport report = p.stop();

    assertThat(report.rung()).isEqualTo(StopReport.Rung.SHUTDOWN_COMMAND);
    assertThat(report.exitCode()).hasValue(0);
    assertThat(mongod.events()).contains("shutdown").doesNotContain("SIGTERM");
    assertThat(p.isAlive()).isFalse();
  }

  @Test
  void closeIsIdempotentAndReturnsTheFirstReport() throws Exception {
    MongodProcess p = start(scripted.launch(readyScript().binary(), dir));
    StopReport first = p.stop();
    p.close();
    assertThat(p.stop()).isSameAs(first);
    assertThat(p.onExit().get(5, TimeUnit.SECONDS).requested()).isTrue();
  }

  @Test
  void fallsBackToSigtermWhenTheShutdownCommandIsRefused() throws Exception {
    // A port that answers ping but refuses shutdown: a plain mongo-java-server
    try (var plain = ScriptedMongod.Wire.refusingShutdown()) {
      int port = plain.port();
      ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).readyOn(port).write();
      MongodProcess p = start(scripted.launch(mongod.binary(), dir));

      StopReport report = p.stop();

      assertThat(report.rung()).isEqualTo(StopReport.Rung.SIGTERM);
      assertThat(report.clean()).isTrue();
      assertThat(mongod.events()).contains("SIGTERM", "exit 0");
      assertThat(scripted.progress).anyMatch(l -> l.contains("shutdown command refused"));
    }
  }

  @Test
  void escalatesToSigkillLoudlyWhenSigtermIsIgnored() throws Exception {
    Path scriptDir = dir.resolve("script");
    ScriptedMongod mongod =
        ScriptedMongod.in(scriptDir)
            .readyOn(ScriptedMongod.Wire.start(scriptDir).port())
            .ignoreSigterm()
            .write();
    // the wire's shutdown only creates a file; make the script ignore it by pointing elsewhere
    MongodProcess p =
        start(scripted.launch(mongod.binary(), dir).withShutdown(Scripted.quickKill()));
    Files.createDirectories(scriptDir.resolve("shutdown")); // a directory: `-f` is false

    StopReport report = p.stop();

    assertThat(report.rung()).isEqualTo(StopReport.Rung.SIGKILL);
    assertThat(report.clean()).isFalse();
    assertThat(report.exitCode()).hasValue(128 + 9);
    assertThat(report.describe()).contains("KILLED", "damaged");
    assertThat(mongod.events()).contains("SIGTERM");
    assertThat(scripted.progress).anyMatch(l -> l.startsWith("WARNING") && l.contains("SIGKILL"));
  }

  /** A scripted mongod that ignores both the shutdown command and SIGTERM. */
  private ScriptedMongod stuckScript() {
    Path scriptDir = dir.resolve("script");
    wire = ScriptedMongod.Wire.start(scriptDir);
    ScriptedMongod mongod =
        ScriptedMongod.in(scriptDir).readyOn(wire.port()).ignoreSigterm().write();
    return mongod;
  }

  @Test
  void stopFasterSkipsTheShutdownCommandButSigkillStillWaitsItsTurn() throws Exception {
    ScriptedMongod mongod = stuckScript();
    MongodProcess p =
        start(
            scripted
                .launch(mongod.binary(), dir)
                .withShutdown(
                    new ShutdownPolicy(
                        Duration.ofSeconds(2),
                        Duration.ofMinutes(10),
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(10),
                        true)));

    p.stopFaster(); // Ctrl-C twice before the teardown reached mongod
    StopReport report = p.stop();

    assertThat(scripted.progress)
        .first(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .startsWith("stopping faster: sending SIGTERM to mongod")
        .contains("without the shutdown command");
    assertThat(report.rung()).isEqualTo(StopReport.Rung.SIGKILL);
    // SIGKILL only after the whole wait after SIGTERM (reliability.md row 10): a lower bound
    assertThat(report.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void stopFasterDuringTheWaitAfterSigtermSaysWhyItWaitsAndDoesNotKillSooner() throws Exception {
    ScriptedMongod mongod = stuckScript();
    Files.createDirectories(dir.resolve("script").resolve("shutdown")); // ignore the command
    MongodProcess p =
        start(
            scripted
                .launch(mongod.binary(), dir)
                .withShutdown(
                    new ShutdownPolicy(
                        Duration.ofSeconds(2),
                        Duration.ofSeconds(1),
                        Duration.ofSeconds(6),
                        Duration.ofSeconds(10),
                        true)));
    CompletableFuture<StopReport> stopping =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return p.stop();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    await().atMost(Duration.ofSeconds(30)).until(() -> mongod.events().contains("SIGTERM"));

    p.stopFaster();

    StopReport report = stopping.get(60, TimeUnit.SECONDS);
    assertThat(scripted.progress)
        .anyMatch(
            l ->
                l.startsWith("stopping faster: mongod")
                    && l.contains("has SIGTERM and is shutting down cleanly")
                    && l.contains("rather than kill it"));
    assertThat(report.rung()).isEqualTo(StopReport.Rung.SIGKILL);
    assertThat(report.took()).isGreaterThanOrEqualTo(Duration.ofSeconds(6)); // the whole wait
  }

  @Test
  void reportsDeathMidSessionThroughOnExit() throws Exception {
    ScriptedMongod mongod = readyScript();
    MongodProcess p = start(scripted.launch(mongod.binary(), dir));

    mongod.triggerCrash(14);

    MongodExit exit = p.onExit().get(10, TimeUnit.SECONDS);
    assertThat(exit.code()).isEqualTo(14);
    assertThat(exit.requested()).isFalse();
    assertThat(exit.explanation().meaning()).contains("abruptly");
    assertThat(p.exitCode()).hasValue(14);
    assertThat(p.stop().rung()).isEqualTo(StopReport.Rung.ALREADY_EXITED);
  }

  @Test
  void refusesABinaryThatCannotBeSpawned() throws Exception {
    Path notExecutable = Files.writeString(dir.resolve("mongod"), "not a program");
    notExecutable.toFile().setExecutable(true);
    assertThatThrownBy(() -> MongodProcess.start(scripted.launch(notExecutable, dir), p -> {}))
        .isInstanceOf(RestoreException.class)
        .satisfies(
            e ->
                assertThat(((RestoreException) e).exitCode())
                    .isIn(ExitCode.MONGOD_FAILED, ExitCode.MONGOD_UNUSABLE));
  }

  @Test
  void aFailedStartLeavesNoProcessBehind() throws Exception {
    ScriptedMongod mongod = ScriptedMongod.in(dir.resolve("s")).line("starting").write();
    MongodLaunch launch =
        scripted.launch(mongod.binary(), dir).withStartupTimeout(Duration.ofMillis(700));

    assertThatThrownBy(() -> MongodProcess.start(launch, p -> {}))
        .isInstanceOf(MongodStartException.class);

    long pid = mongod.pid().orElseThrow();
    await().atMost(Duration.ofSeconds(10)).until(() -> !processRuns(pid));
    assertThat(mongod.events()).contains("SIGTERM");
  }

  static boolean processRuns(long pid) {
    return ProcessIdentity.of(pid).map(ProcessIdentity::isRunning).orElse(false);
  }
}
