package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.source.SnapshotServer;
import io.restore.source.TarBuilder;
import io.restore.testkit.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A snapshot link and a snapshot archive as SOURCE, end to end: restore and the mongod stand-in are
 * child processes, the link is served by a loopback server, and the work folder the archive is
 * extracted into is gone afterwards on success, on failure, after SIGINT, and (swept by the next
 * restore) after SIGKILL.
 */
class SourceEndToEndTest {
  static final Path DEMO = ProjectPaths.root().resolve("samples/demo");
  static final Path DEMO_KEY = ProjectPaths.root().resolve("samples/demo.key");

  @TempDir static Path shared;
  static Path archive;
  static byte[] bytes;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;
  @TempDir Path out;

  @BeforeAll
  static void makeArchive() throws Exception {
    archive = TarBuilder.gnuTar(shared.resolve("snap.tar.gz"), DEMO.getParent(), "demo");
    bytes = Files.readAllBytes(archive);
  }

  private Map<String, String> env() {
    Map<String, String> env = RestoreProcess.baseEnv(state, runtime);
    env.put("RESTORE_WORK_DIR", work.toString());
    env.put("RESTORE_SHUTDOWN_TIMEOUT", "20");
    return env;
  }

  private RestoreProcess restore(String command, String source, String... extra)
      throws IOException {
    List<String> args = new ArrayList<>(List.of(command, source));
    args.addAll(List.of("--key-file", DEMO_KEY.toString()));
    args.addAll(List.of(extra));
    return RestoreProcess.start(env(), args.toArray(String[]::new));
  }

  private List<Path> workFolders() throws IOException {
    try (Stream<Path> s = Files.list(work)) {
      return s.toList();
    }
  }

  @Test
  void dumpFromALinkWritesTheArchiveAndLeavesNoWorkFolder() throws Exception {
    Path dump = out.resolve("snap.archive");
    try (SnapshotServer server = new SnapshotServer(bytes);
        RestoreProcess restore =
            restore(
                "dump",
                server.uri().toString(),
                "--archive=" + dump,
                "--mongod",
                RestoreProcess.standIn().toString())) {
      RestoreProcess.Finished run = restore.finish();
      assertThat(run.exit()).as(run.transcript()).isZero();
      assertThat(dump).isRegularFile();
      assertThat(Files.size(dump)).isGreaterThan(1000);
      assertThat(run.stderr())
          .contains("downloading http://127.0.0.1:")
          .contains("dump complete and verified")
          .doesNotContain("SECRET");
    }
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void aFailingSessionStillRemovesTheWorkFolder() throws Exception {
    try (RestoreProcess restore =
        restore(
            "dump",
            archive.toString(),
            "--archive=" + out.resolve("x.archive"),
            "--mongod",
            out.resolve("no-such-mongod").toString())) {
      RestoreProcess.Finished run = restore.finish();
      assertThat(run.exit()).as(run.transcript()).isEqualTo(ExitCode.MONGOD_UNUSABLE.value());
      assertThat(run.stderr()).contains("extracting " + archive);
    }
    assertThat(workFolders()).isEmpty();
    assertThat(out.resolve("x.archive")).doesNotExist();
  }

  @Test
  void ctrlCDuringTheSessionRemovesTheWorkFolder() throws Exception {
    try (RestoreProcess restore =
        restore("open", archive.toString(), "--mongod", RestoreProcess.standIn().toString())) {
      restore.awaitUri();
      assertThat(workFolders()).hasSize(1);
      restore.signal("INT");
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
    }
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void ctrlCDuringTheDownloadRemovesTheWorkFolder() throws Exception {
    try (SnapshotServer server = new SnapshotServer(bytes).stallAfter(bytes.length / 2);
        RestoreProcess restore =
            restore("dump", server.uri().toString(), "--archive=" + out.resolve("x.archive"))) {
      restore.awaitStderr(l -> l.contains("extracting into"));
      restore.signal("INT");
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(130);
    }
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void aKilledRestoresWorkFolderIsSweptByTheNextAndInspectReadsOnlyTheKeyFolders()
      throws Exception {
    try (SnapshotServer server = new SnapshotServer(bytes).stallAfter(bytes.length / 2);
        RestoreProcess restore =
            restore("dump", server.uri().toString(), "--archive=" + out.resolve("x.archive"))) {
      restore.awaitStderr(l -> l.contains("extracting into"));
      restore.signal("KILL");
      restore.awaitExit();
    }
    assertThat(workFolders()).hasSize(1);

    try (RestoreProcess inspect = restore("inspect", archive.toString())) {
      RestoreProcess.Finished run = inspect.finish();
      assertThat(run.exit()).as(run.transcript()).isZero();
      assertThat(String.join("\n", run.stdout())).contains("07db4c22-96ef-3bda-b7a7-77c927308359");
      assertThat(run.stderr()).contains("reading the key folders of " + archive);
    }
    assertThat(workFolders()).isEmpty();
  }
}
