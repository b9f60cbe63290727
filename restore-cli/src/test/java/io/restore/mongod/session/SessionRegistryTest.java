package io.restore.mongod.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.ProcessIdentity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionRegistryTest {
  @TempDir Path dir;
  private Process bystander;

  @AfterEach
  void cleanUp() {
    if (bystander != null) {
      bystander.destroyForcibly();
    }
  }

  private SessionRegistry registry() {
    return new SessionRegistry(dir.resolve("state"));
  }

  private ProcessIdentity liveProcess() throws Exception {
    bystander = new ProcessBuilder("sleep", "60").start();
    return ProcessIdentity.of(bystander.pid()).orElseThrow();
  }

  /** A process identity that cannot be running: a pid that exited. */
  private static ProcessIdentity deadProcess() throws Exception {
    Process p = new ProcessBuilder("true").start();
    ProcessIdentity id = new ProcessIdentity(p.pid(), Instant.EPOCH, 1);
    p.waitFor();
    return id;
  }

  private SessionRecord record(Path dbpath, ProcessIdentity mongod, ProcessIdentity restore) {
    return new SessionRecord(
        SessionRegistry.canonical(dbpath),
        mongod,
        OptionalInt.of(27017),
        5696,
        dir.resolve("session"),
        restore,
        Instant.now());
  }

  @Test
  void picksTheStateDirectoryFromEnvironment() {
    assertThat(SessionRegistry.defaultDir(Map.of("RESTORE_STATE_DIR", "/x")))
        .isEqualTo(Path.of("/x"));
    assertThat(SessionRegistry.defaultDir(Map.of("XDG_STATE_HOME", "/s", "HOME", "/h")))
        .isEqualTo(Path.of("/s/restore/sessions"));
    assertThat(SessionRegistry.defaultDir(Map.of("HOME", "/h")))
        .isEqualTo(Path.of("/h/.local/state/restore/sessions"));
  }

  @Test
  void recordsAreListedWhileClaimedAndGoneAfterClose() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    ProcessIdentity mongod = liveProcess();
    try (SessionClaim claim = registry().claim(db)) {
      claim.record(SessionRecord.of(claim.dbpath(), mongod, OptionalInt.of(4242), 5696, dir));
      assertThat(registry().list())
          .singleElement()
          .satisfies(r -> assertThat(r.mongod()).isEqualTo(mongod))
          .satisfies(r -> assertThat(r.mongodPort()).hasValue(4242))
          .satisfies(r -> assertThat(r.restore().pid()).isEqualTo(ProcessHandle.current().pid()));
      assertThat(registry().find(dir.resolve("db/../db"))).isPresent();
    }
    assertThat(registry().list()).isEmpty();
  }

  @Test
  void refusesASecondSessionOnTheSameDbpath() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    try (SessionClaim claim = registry().claim(db)) {
      claim.record(SessionRecord.of(claim.dbpath(), liveProcess(), OptionalInt.of(4242), 0, dir));
      assertThatThrownBy(() -> registry().claim(db))
          .isInstanceOf(RestoreException.class)
          .hasMessageContaining("another restore session is using " + db.toRealPath())
          .satisfies(
              e ->
                  assertThat(((RestoreException) e).exitCode())
                      .isEqualTo(ExitCode.SESSION_CONFLICT))
          .satisfies(
              e ->
                  assertThat(((RestoreException) e).nextStep())
                      .contains("restore stop " + db.toRealPath()));
    }
    registry().claim(db).close(); // free again
  }

  @Test
  void refusesADbpathWhoseLeftoverMongodStillRuns() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    SessionRegistry reg = registry();
    Files.createDirectories(reg.dir());
    reg.write(SessionRegistry.canonical(db), record(db, liveProcess(), deadProcess()));

    assertThatThrownBy(() -> reg.claim(db))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("earlier restore session is still running")
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("restore stop"));
    assertThat(reg.list()).hasSize(1); // a leftover is listed, not cleaned
  }

  @Test
  void cleansStaleRecordsOfDeadSessions() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    SessionRegistry reg = registry();
    Files.createDirectories(reg.dir());
    reg.write(SessionRegistry.canonical(db), record(db, deadProcess(), deadProcess()));

    assertThat(reg.list()).isEmpty();
    assertThat(reg.recordFile(SessionRegistry.canonical(db))).doesNotExist();
    reg.claim(db).close();
  }

  @Test
  void treatsAReusedPidWithAnotherStartTimeAsDead() throws Exception {
    Path db = Files.createDirectories(dir.resolve("db"));
    ProcessIdentity live = liveProcess();
    ProcessIdentity reused =
        new ProcessIdentity(live.pid(), live.startInstant(), live.startTicks() + 7);
    assertThat(reused.isRunning()).isFalse();
    SessionRegistry reg = registry();
    Files.createDirectories(reg.dir());
    reg.write(SessionRegistry.canonical(db), record(db, reused, deadProcess()));

    try (SessionClaim claim = reg.claim(db)) {
      assertThat(claim.dbpath()).isEqualTo(db.toRealPath());
    }
    assertThat(bystander.isAlive()).isTrue(); // nobody touched the innocent process
  }
}
