package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.ExitCode;
import io.restore.mongod.ProcessIdentity;
import io.restore.mongod.session.SessionFixtures;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import io.restore.testkit.mongod.ScriptedMongod;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PsStopCommandTest {
  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final List<Process> started = new ArrayList<>();
  private final List<AutoCloseable> closeables = new ArrayList<>();

  @AfterEach
  void cleanUp() throws Exception {
    for (Process p : started) {
      p.destroyForcibly();
    }
    for (AutoCloseable c : closeables) {
      c.close();
    }
  }

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--state-dir=" + dir.resolve("state"));
    return cmd.execute(all.toArray(String[]::new));
  }

  private Process start(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    started.add(p);
    return p;
  }

  /** A scripted mongod running on its own, as if its restore had been killed. */
  private ScriptedMongod leftover(String name, ProcessIdentity restore) throws Exception {
    Path scriptDir = dir.resolve(name);
    ScriptedMongod.Wire wire = ScriptedMongod.Wire.start(scriptDir);
    closeables.add(wire);
    ScriptedMongod mongod = ScriptedMongod.in(scriptDir).readyOn(wire.port()).write();
    start(mongod.binary().toString(), "--dbpath", "x");
    await().atMost(Duration.ofSeconds(10)).until(() -> mongod.pid().isPresent());
    Path db = Files.createDirectories(dir.resolve(name + "-db"));
    SessionRegistry reg = new SessionRegistry(dir.resolve("state"));
    SessionRecord r =
        new SessionRecord(
            SessionRegistry.canonical(db),
            ProcessIdentity.of(mongod.pid().getAsLong()).orElseThrow(),
            OptionalInt.of(wire.port()),
            5696,
            dir.resolve(name + "-session"),
            restore,
            Instant.now());
    SessionFixtures.leaveRecord(reg, r);
    return mongod;
  }

  private static ProcessIdentity goneRestore() throws Exception {
    Process p = new ProcessBuilder("true").start();
    p.waitFor();
    return new ProcessIdentity(p.pid(), Instant.EPOCH, 1);
  }

  @Test
  void psSaysSoWhenNothingRuns() {
    assertThat(run("ps")).isZero();
    assertThat(out.toString()).contains("no restore sessions running");
  }

  @Test
  void psListsALeftoverMongodAndHowToStopIt() throws Exception {
    ScriptedMongod m = leftover("snap", goneRestore());

    assertThat(run("ps")).isZero();

    assertThat(out.toString())
        .contains("RESTORE", "gone", Long.toString(m.pid().getAsLong()), "restore stop ");
  }

  @Test
  void stopEndsALeftoverWithTheShutdownCommandAndForgetsIt() throws Exception {
    ScriptedMongod m = leftover("snap", goneRestore());
    ProcessIdentity id = ProcessIdentity.of(m.pid().getAsLong()).orElseThrow();

    assertThat(run("stop", dir.resolve("snap-db").toString(), "--timeout=5")).isZero();

    assertThat(out.toString()).contains("shut down cleanly on the shutdown command");
    assertThat(m.events()).contains("shutdown");
    await().atMost(Duration.ofSeconds(10)).until(() -> !id.isRunning());
    out.getBuffer().setLength(0);
    run("ps");
    assertThat(out.toString()).contains("no restore sessions running");
  }

  @Test
  void stopAllEndsEverySession() throws Exception {
    ScriptedMongod a = leftover("a", goneRestore());
    ScriptedMongod b = leftover("b", goneRestore());

    assertThat(run("stop", "--all", "--timeout=5")).isZero();

    assertThat(a.events()).contains("exit 0");
    assertThat(b.events()).contains("exit 0");
  }

  @Test
  void stopAsksALiveRestoreToEndItsOwnSession() throws Exception {
    // a stand-in for a running restore: on SIGTERM it stops "its" mongod, as restore's teardown
    // does
    Path pidFile = dir.resolve("restore-target");
    Process restore =
        start(
            "/bin/sh",
            "-c",
            "trap 'kill -TERM $(cat "
                + pidFile
                + "); exit 0' TERM; while :; do sleep 0.05 & wait $!; done");
    ScriptedMongod m = leftover("snap", ProcessIdentity.of(restore.pid()).orElseThrow());
    Files.writeString(pidFile, Long.toString(m.pid().getAsLong()));

    assertThat(run("stop", dir.resolve("snap-db").toString(), "--timeout=5")).isZero();

    assertThat(out.toString()).contains("its restore ended the session");
    assertThat(m.events()).contains("SIGTERM");
    await().atMost(Duration.ofSeconds(10)).until(() -> !restore.isAlive());
  }

  @Test
  void stopOfAnUnknownDbpathSaysHowToListSessions() {
    assertThat(run("stop", dir.resolve("nothing").toString())).isEqualTo(ExitCode.FAILURE.value());
    assertThat(err.toString()).contains("no restore session is running on", "restore ps");
  }

  @Test
  void stopNeedsADbpathOrAll() {
    assertThat(run("stop")).isEqualTo(ExitCode.USAGE.value());
  }
}
