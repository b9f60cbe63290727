package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.mongod.ScriptedMongod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mongod --version} against wrapper scripts that never answer (issue 12 §4): the limit and a
 * stop request end the wrapper and everything it started, at once, as real processes.
 */
class VersionProbeTest {
  @TempDir Path dir;

  /** A wrapper that records its child's pid and then waits for a 45 s sleep. */
  private MongodBinary sleepingWrapper() throws Exception {
    Path script = dir.resolve("mongod");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "sleep 45 &\n"
            + "echo $! > '"
            + dir.resolve("child.pid")
            + ".tmp' && mv '"
            + dir.resolve("child.pid")
            + ".tmp' '"
            + dir.resolve("child.pid")
            + "'\n"
            + "wait\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return new MongodBinary(script, "test");
  }

  private long childPid() throws Exception {
    Path f = dir.resolve("child.pid");
    await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(f));
    return Long.parseLong(Files.readString(f).strip());
  }

  private static void assertGone(long pid) {
    await()
        .atMost(Duration.ofSeconds(10))
        .until(() -> ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
  }

  @Test
  void theTimeoutKillsTheWrapperAndItsChildrenAndAnswersAtOnce() throws Exception {
    MongodBinary bin = sleepingWrapper();
    CompletableFuture<RestoreException> probe =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                MongodVersion.probe(bin, Duration.ofSeconds(1));
                return null;
              } catch (RestoreException e) {
                return e;
              }
            });
    long child = childPid();

    // Well before the wrapper's 45 s: the old probe waited for the sleep to release the pipe.
    await().atMost(Duration.ofSeconds(20)).until(probe::isDone);
    RestoreException e = probe.get();
    assertThat(e).isNotNull();
    assertThat(e.exitCode()).isEqualTo(ExitCode.MONGOD_UNUSABLE);
    assertThat(e.getMessage()).contains("--version did not answer within 1s");
    assertGone(child);
  }

  @Test
  void aStopRequestEndsTheProbeAndItsChildrenAtOnce() throws Exception {
    MongodBinary bin = sleepingWrapper();
    CompletableFuture<String> stop = new CompletableFuture<>();
    CompletableFuture<RestoreException> probe =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                MongodVersion.probe(bin, Duration.ofSeconds(60), stop);
                return null;
              } catch (RestoreException e) {
                return e;
              }
            });
    long child = childPid();

    stop.complete("SIGINT");

    await().atMost(Duration.ofSeconds(20)).until(probe::isDone);
    assertThat(probe.get().exitCode()).isEqualTo(ExitCode.INTERRUPTED);
    assertGone(child);
  }

  @Test
  void aWrapperThatLeavesAChildBehindStillAnswersWithItsVersion() throws Exception {
    Path real = ScriptedMongod.in(dir.resolve("real")).enterprise("7.0.14").write().binary();
    Path script = dir.resolve("mongod");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "sleep 45 &\n"
            + "echo $! > '"
            + dir.resolve("child.pid")
            + "'\n"
            + "exec '"
            + real
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));

    MongodVersion v = MongodVersion.probe(new MongodBinary(script, "test"), Duration.ofSeconds(30));

    assertThat(v.version()).isEqualTo("7.0.14");
    assertGone(childPid());
  }

  @Test
  void aMongodOlderThanTheSupportedVersionsIsWarnedAbout() {
    assertThat(new MongodVersion("4.0.28", 4, 0, true).tooOldWarning())
        .get()
        .asString()
        .contains(
            "mongod 4.0.28 is older than the versions restore supports (MongoDB 4.4 and newer)");
    assertThat(new MongodVersion("4.4.29", 4, 4, true).tooOldWarning()).isEmpty();
    assertThat(new MongodVersion("8.0.4", 8, 0, true).tooOldWarning()).isEmpty();
  }
}
