package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.MongoException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.mongod.VersionCache;
import io.restore.testkit.mongod.StandInData;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore open} end to end with the local key source. Each test checks that the session
 * serves the snapshot, ends the way it should, and leaves nothing behind: no process, no listening
 * port, no session record, no certificate file, and a dbpath changed only where mongod itself
 * writes (mongod.lock). The first test is a child-process smoke test (restore and the stand-in are
 * real processes, SIGTERM a real signal); the others run restore and the stand-in in this JVM
 * ({@link InJvmRestore}).
 */
class OpenSessionTest {
  @TempDir static Path shared;
  static Sample sample;

  @TempDir Path state;
  @TempDir Path runtime;

  @BeforeAll
  static void generate() throws Exception {
    sample = SampleSnapshotGenerator.smallLocal(shared, 81);
  }

  private Map<String, String> env() {
    return RestoreProcess.baseEnv(state, runtime);
  }

  private RestoreProcess open(String... extra) throws Exception {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "open", sample.dbpath().toString(), "--mongod", RestoreProcess.standIn().toString()));
    args.addAll(List.of(extra));
    return RestoreProcess.start(env(), args.toArray(String[]::new));
  }

  @Test
  void waitModeServesTheSnapshotThroughThePrintedUriAndSigtermTearsEverythingDown()
      throws Exception {
    Map<String, String> before = Leftovers.tree(sample.dbpath());
    try (RestoreProcess restore = open()) {
      String uri = restore.awaitUri();
      long mongodPid = restore.mongodPid();
      int mongodPort = restore.mongodPort();
      int kmipPort = restore.kmipPort().orElseThrow();
      List<ProcessHandle> started = restore.descendants();
      assertThat(started).extracting(ProcessHandle::pid).contains(mongodPid);
      assertThat(uri).isEqualTo("mongodb://127.0.0.1:" + mongodPort + "/?directConnection=true");
      assertThat(restore.stderr())
          .contains("mongosh \"" + uri + "\"", "mongodump --uri \"" + uri + "\"", "Ctrl-C");

      try (MongoClient client = MongoClients.create(uri)) {
        long documents = 0;
        for (StandInData.StoredCollection c : sample.dataset().collections()) {
          documents += client.getDatabase(c.db()).getCollection(c.name()).countDocuments();
        }
        assertThat(documents).isEqualTo(sample.documentCount());
        Document status = client.getDatabase("admin").runCommand(new Document("serverStatus", 1));
        assertThat(status.get("encryptionAtRest", Document.class).getString("encryptionKeyId"))
            .isEqualTo(sample.keyId());
      }
      assertThat(Files.list(state).map(Path::toString).toList())
          .as("a session record while the session runs")
          .anyMatch(f -> f.endsWith(".session"));

      restore.signal("TERM");

      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertThat(restore.stderr())
          .contains("SIGTERM received: tearing down")
          .contains("mongod stopped: mongod shut down cleanly on the shutdown command");
      assertNothingLeft(started, before, mongodPort, kmipPort);
    }
  }

  private InJvmRestore openInJvm(String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "open", sample.dbpath().toString(), "--mongod", RestoreProcess.standIn().toString()));
    args.addAll(List.of(extra));
    return InJvmRestore.start(InJvmRestore.env(state, runtime, Map.of()), args);
  }

  @Test
  void aSecondSessionWithTheSameMongodTakesItsVersionFromTheCacheAndStartsNoProbe(
      @TempDir Path cache) throws Exception {
    Map<String, String> env =
        InJvmRestore.env(
            state,
            runtime,
            Map.of(VersionCache.BYPASS_ENV, "0", "XDG_CACHE_HOME", cache.toString()));
    List<String> args =
        List.of(
            "open",
            sample.dbpath().toString(),
            "--mongod",
            RestoreProcess.standIn().toString(),
            "--exec",
            "--",
            "true");
    for (String run : List.of("the version probe and mongod", "mongod alone")) {
      try (InJvmRestore restore = InJvmRestore.start(env, args)) {
        assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
        assertThat(restore.stderr()).contains("mongod 8.0.4 (Enterprise) at");
        assertThat(restore.launcher.standIns()).as(run).hasSize(run.startsWith("the") ? 2 : 1);
        restore.assertStandInsEnded();
      }
    }
    assertThat(cache.resolve("restore/mongod-version")).isDirectoryContaining("glob:**.txt");
  }

  @Test
  void ctrlCEndsAReadOnlySessionAndRemovesTheCertificatesFromCertDir(@TempDir Path certs)
      throws Exception {
    Map<String, String> before = Leftovers.tree(sample.dbpath());
    try (InJvmRestore restore = openInJvm("--read-only", "--cert-dir", certs.toString())) {
      String uri = restore.awaitUri();
      int mongodPort = restore.mongodPort();
      int kmipPort = restore.kmipPort().orElseThrow();
      assertThat(certs.resolve("kmipCA.pem")).exists();
      assertThat(Files.getPosixFilePermissions(certs.resolve("kmipClient.pem")))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      try (MongoClient client = MongoClients.create(uri)) {
        StandInData.StoredCollection first = sample.dataset().collections().get(0);
        var collection = client.getDatabase(first.db()).getCollection(first.name());
        assertThat(collection.countDocuments()).isEqualTo(first.documents().size());
        assertThatThrownBy(() -> collection.insertOne(new Document("written", true)))
            .as("--read-only is mongod's --queryableBackupMode")
            .isInstanceOf(MongoException.class);
      }

      restore.signal("INT");

      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertThat(restore.stderr()).contains("SIGINT received: tearing down");
      try (var files = Files.list(certs)) {
        assertThat(files).as("--cert-dir after the session").isEmpty();
      }
      restore.assertStandInsEnded();
      assertNothingLeft(List.of(), before, mongodPort, kmipPort);
    }
  }

  @Test
  void execRunsTheCommandWithTheSessionsEnvironmentAndExitsWithItsCode(@TempDir Path work)
      throws Exception {
    Map<String, String> before = Leftovers.tree(sample.dbpath());
    Path seen = work.resolve("seen.txt");
    // the command inherits restore's stdout, which in this JVM is the test runner's: write a file
    String script =
        "printf '%s\\n' \"$MONGODB_URI\" \"$RESTORE_KMIP_PORT\" \"$RESTORE_DBPATH\" > "
            + seen
            + "; exit 3";
    try (InJvmRestore restore = openInJvm("--exec", "--", "sh", "-c", script)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(3);

      List<String> env = Files.readAllLines(seen);
      int mongodPort = restore.mongodPort();
      int kmipPort = restore.kmipPort().orElseThrow();
      assertThat(env)
          .containsExactly(
              "mongodb://127.0.0.1:" + mongodPort + "/?directConnection=true",
              Integer.toString(kmipPort),
              sample.dbpath().toRealPath().toString());
      assertThat(restore.stderr())
          .contains("command exited with code 3")
          .contains("mongod stopped: mongod shut down cleanly");
      restore.assertStandInsEnded();
      assertNothingLeft(List.of(), before, mongodPort, kmipPort);
    }
  }

  @Test
  void theClientKeyPasswordReachesMongodInAPrivateConfigFileNotOnItsCommandLine() throws Exception {
    String password = "pw-" + ProcessHandle.current().pid() + "-\"quoted\\";
    Map<String, String> before = Leftovers.tree(sample.dbpath());
    try (InJvmRestore restore = openInJvm("--client-key-password", password)) {
      restore.awaitUri(); // the stand-in decrypted the client key: it read the password
      List<String> argv = restore.launcher.mongodCommand(); // what ps would show
      assertThat(String.join(" ", argv)).doesNotContain(password);
      assertThat(argv).doesNotContain("--kmipClientCertificatePassword").contains("--config");
      Path config = Path.of(argv.get(argv.indexOf("--config") + 1));
      assertThat(config.getParent().getParent()).isEqualTo(runtime.resolve("restore"));
      assertThat(Files.getPosixFilePermissions(config))
          .containsExactlyInAnyOrder(
              PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
      assertThat(restore.stderr()).doesNotContain(password);
      int mongodPort = restore.mongodPort();

      restore.signal("TERM");

      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertThat(config).doesNotExist();
      restore.assertStandInsEnded();
      assertNothingLeft(List.of(), before, mongodPort, restore.kmipPort().orElseThrow());
    }
  }

  @Test
  void aCommandThatCannotRunIsAUsageErrorAndStillTearsDown() throws Exception {
    try (InJvmRestore restore = openInJvm("--exec", "--", "/nonexistent/tool", "x")) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.USAGE.value());
      assertThat(restore.stderr())
          .contains("cannot run the --exec command '/nonexistent/tool'")
          .contains("next: check the command after '--exec --'")
          .contains("mongod shut down cleanly");
      restore.assertStandInsEnded();
      Leftovers.assertNoSession(state);
      Leftovers.assertNoSessionFiles(runtime);
    }
  }

  private void assertNothingLeft(
      List<ProcessHandle> started, Map<String, String> before, int mongodPort, int kmipPort)
      throws Exception {
    Leftovers.assertProcessesGone(started);
    Leftovers.assertNotListening(mongodPort, kmipPort);
    Leftovers.assertNoSession(state);
    Leftovers.assertNoSessionFiles(runtime);
    assertThat(Leftovers.tree(sample.dbpath())).isEqualTo(before);
    assertThat(sample.dbpath().resolve("mongod.lock")).isEmptyFile();
  }
}
