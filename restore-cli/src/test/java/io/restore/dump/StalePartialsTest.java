package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code <out>.partial-<id>} left by a killed dump is removed by the next dump to the same target
 * when its owner is dead, never when it still runs (issue 12 §8); what can be checked about the
 * output is checked before anything starts.
 */
class StalePartialsTest {
  static DumpFixture fx;
  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    fx = new DumpFixture().withSampleData();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  /** The identity of a process that really ran and has exited. */
  private static ProcessIdentity deadProcess() throws Exception {
    Process p = new ProcessBuilder("true").start();
    ProcessIdentity id =
        ProcessIdentity.of(p.pid())
            .orElse(new ProcessIdentity(p.pid(), java.time.Instant.EPOCH, 1));
    p.waitFor();
    return id;
  }

  private static String id(ProcessIdentity owner, String rest) {
    return Long.toHexString(owner.pid()) + "-" + Long.toHexString(owner.startTicks()) + "-" + rest;
  }

  @Test
  void theNextDumpRemovesPartialsOfDeadDumpsAndKeepsALiveOnes() throws Exception {
    Path out = tmp.resolve("dump");
    ProcessIdentity dead = deadProcess();
    Path staleDir = Files.createDirectories(tmp.resolve("dump.partial-" + id(dead, "abc")));
    Files.writeString(staleDir.resolve("half.bson"), "half");
    Path live =
        Files.createDirectory(tmp.resolve("dump.partial-" + id(ProcessIdentity.current(), "def")));
    Path foreign = Files.createDirectory(tmp.resolve("dump.partial-not-ours"));
    Path otherTarget = Files.createDirectory(tmp.resolve("other.partial-" + id(dead, "abc")));

    DumpSummary s =
        new Dumper(System.out, Map.of(), Clock.systemUTC(), Dumper::randomId)
            .dump(fx.uri, DumpRequest.of(new DumpOutput.Directory(out)), DumpProgress.SILENT);

    assertThat(s.ok()).isTrue();
    assertThat(staleDir).doesNotExist();
    assertThat(live).as("a running dump's partial output").exists();
    assertThat(foreign).as("not named by a dump of ours").exists();
    assertThat(otherTarget).as("another target's").exists();
  }

  @Test
  void aStaleArchivePartialIsRemovedToo() throws Exception {
    Path archive = tmp.resolve("x.archive");
    Path stale = Files.writeString(tmp.resolve("x.archive.partial-" + id(deadProcess(), "1")), "x");

    new Dumper(System.out, Map.of(), Clock.systemUTC(), Dumper::randomId)
        .dump(fx.uri, DumpRequest.of(DumpOutput.Archive.toFile(archive)), DumpProgress.SILENT);

    assertThat(stale).doesNotExist();
    assertThat(archive).isNotEmptyFile();
  }

  @Test
  void theDumpIdNamesItsOwnerSoALaterRunCanTellItIsGone() {
    Optional<ProcessIdentity> owner = OutputChecks.owner(Dumper.randomId());
    assertThat(owner)
        .get()
        .isEqualTo(
            new ProcessIdentity(
                ProcessIdentity.current().pid(),
                java.time.Instant.EPOCH,
                ProcessIdentity.current().startTicks()));
    assertThat(owner.get().isRunning()).isTrue();
  }

  @Test
  void outputChecksRunWithoutAServer() throws Exception {
    Path full = Files.createDirectories(tmp.resolve("full"));
    Files.writeString(full.resolve("a"), "a");
    assertThatThrownBy(
            () -> OutputChecks.beforeStart(DumpRequest.of(new DumpOutput.Directory(full))))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("already exists and is not empty")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.USAGE));

    Path locked = Files.createDirectories(tmp.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    try {
      org.junit.jupiter.api.Assumptions.assumeFalse(
          Files.isWritable(locked), "running as root: permissions do not apply");
      assertThatThrownBy(
              () ->
                  OutputChecks.beforeStart(
                      DumpRequest.of(new DumpOutput.Directory(locked.resolve("sub/dump")))))
          .hasMessageContaining("cannot write the dump to")
          .hasMessageContaining("is not writable by this user")
          .satisfies(
              e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.DUMP_FAILED));
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void aDumpThatClearlyCannotFitIsRefusedBeforeWriting() {
    CollectionPlan huge =
        new CollectionPlan(
            new Namespace("db", "c"),
            CollectionType.COLLECTION,
            null,
            null,
            List.of(),
            Long.MAX_VALUE / 4096,
            1024);
    assertThatThrownBy(
            () ->
                OutputChecks.freeSpace(
                    DumpRequest.of(new DumpOutput.Directory(tmp.resolve("d"))), List.of(huge)))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("not enough free space for the dump in " + tmp)
        .satisfies(
            e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.DUMP_FAILED));
  }
}
