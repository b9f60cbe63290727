package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.source.TarBuilder;
import io.restore.source.atlas.AtlasContract;
import io.restore.testkit.ProjectPaths;
import io.restore.testkit.atlas.AtlasApiDouble;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore dump atlas://<project>/<cluster> --archive=FILE} end to end: restore and the
 * mongod stand-in are child processes, the Atlas API is {@link AtlasApiDouble} (HTTPS, API-key
 * Digest, a job that needs several polls) serving the demo snapshot as .tar.gz at its deliveryUrl,
 * and every exchange is checked against the OpenAPI extract.
 */
class AtlasEndToEndTest {
  static final Path DEMO = ProjectPaths.root().resolve("samples/demo");
  static final Path DEMO_KEY = ProjectPaths.root().resolve("samples/demo.key");

  @TempDir static Path shared;
  static byte[] bytes;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;
  @TempDir Path out;

  @BeforeAll
  static void makeArchive() throws Exception {
    bytes =
        Files.readAllBytes(
            TarBuilder.gnuTar(shared.resolve("snap.tar.gz"), DEMO.getParent(), "demo"));
  }

  private Map<String, String> env() {
    Map<String, String> env = RestoreProcess.baseEnv(state, runtime);
    env.put("RESTORE_WORK_DIR", work.toString());
    env.put("RESTORE_SHUTDOWN_TIMEOUT", "20");
    env.put("RESTORE_ATLAS_POLL_INTERVAL", "0.05");
    env.put("MONGODB_ATLAS_PUBLIC_API_KEY", AtlasApiDouble.PUBLIC_KEY);
    env.put("MONGODB_ATLAS_PRIVATE_API_KEY", AtlasApiDouble.PRIVATE_KEY);
    return env;
  }

  private List<Path> workFolders() throws IOException {
    try (Stream<Path> s = Files.list(work)) {
      return s.toList();
    }
  }

  @Test
  void dumpFromAtlasFetchesTheLatestSnapshotAndWritesTheArchive() throws Exception {
    Path dump = out.resolve("snap.archive");
    try (AtlasApiDouble atlas = new AtlasApiDouble(bytes, new AtlasContract());
        RestoreProcess restore =
            RestoreProcess.start(
                env(),
                "dump",
                "atlas://" + AtlasApiDouble.PROJECT + "/" + AtlasApiDouble.CLUSTER,
                "--archive=" + dump,
                "--key-file",
                DEMO_KEY.toString(),
                "--mongod",
                RestoreProcess.standIn().toString(),
                "--atlas-base-url",
                atlas.baseUrl().toString(),
                "--atlas-ca-file",
                atlas.caFile().toString())) {
      RestoreProcess.Finished run = restore.finish();
      assertThat(run.exit()).as(run.transcript()).isZero();
      assertThat(Files.size(dump)).isGreaterThan(1000);
      String snapshot = atlas.snapshots().get(1).id();
      assertThat(run.stderr())
          .contains("asking Atlas (127.0.0.1) for the snapshots of Cluster0 as API key qwertyui")
          .contains("snapshot " + snapshot)
          .contains("preparing the download")
          .contains("downloading https://127.0.0.1:")
          .contains("dump complete and verified")
          .contains("/" + "<redacted>/restore-" + snapshot + ".tar.gz")
          .doesNotContain(AtlasApiDouble.PRIVATE_KEY)
          .doesNotContain(AtlasApiDouble.PATH_TOKEN)
          .doesNotContain("DOWNLOAD-TOKEN");
      assertThat(atlas.violations()).isEmpty();
      assertThat(atlas.requests()).anyMatch(r -> r.startsWith("GET /backup/restore/"));
    }
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void proxyOfAShardedClustersJobIsRefusedListingItsComponents() throws Exception {
    try (AtlasApiDouble atlas =
            new AtlasApiDouble(bytes, new AtlasContract())
                .sharded(List.of("atlas-q1-shard-0", "atlas-q1-config-0"));
        RestoreProcess restore =
            RestoreProcess.start(
                env(),
                "proxy",
                "atlas://" + AtlasApiDouble.PROJECT + "/" + AtlasApiDouble.CLUSTER + "/latest",
                "--key-file",
                DEMO_KEY.toString(),
                "--cert-dir",
                out.toString(),
                "--atlas-base-url",
                atlas.baseUrl().toString(),
                "--atlas-ca-file",
                atlas.caFile().toString())) {
      RestoreProcess.Finished run = restore.finish();
      assertThat(run.exit()).as(run.transcript()).isEqualTo(ExitCode.USAGE.value());
      assertThat(run.stderr())
          .contains("is a sharded cluster's snapshot")
          .contains("atlas-q1-shard-0")
          .contains("atlas-q1-config-0")
          .contains("'restore open', 'restore dump' or 'restore inspect'")
          .doesNotContain("DOWNLOAD-TOKEN")
          .doesNotContain("Exception");
      assertThat(atlas.violations()).isEmpty();
      assertThat(atlas.requests()).noneMatch(r -> r.startsWith("GET /backup/restore/"));
    }
    assertThat(workFolders()).isEmpty();
  }

  private RestoreProcess inspect(AtlasApiDouble atlas) throws IOException {
    return RestoreProcess.start(
        env(),
        "inspect",
        "atlas://" + AtlasApiDouble.PROJECT + "/" + AtlasApiDouble.CLUSTER,
        "--key-file",
        DEMO_KEY.toString(),
        "--atlas-base-url",
        atlas.baseUrl().toString(),
        "--atlas-ca-file",
        atlas.caFile().toString());
  }

  @Test
  void inspectThenInspectAgainReusesTheRestoreJob() throws Exception {
    try (AtlasApiDouble atlas = new AtlasApiDouble(bytes, new AtlasContract())) {
      try (RestoreProcess first = inspect(atlas)) {
        RestoreProcess.Finished run = first.finish();
        assertThat(run.exit()).as(run.transcript()).isZero();
      }
      try (RestoreProcess second = inspect(atlas)) {
        RestoreProcess.Finished run = second.finish();
        assertThat(run.exit()).as(run.transcript()).isZero();
        assertThat(run.stderr())
            .contains("restore: reusing Atlas restore job 7b0000000000000000000001 of snapshot")
            .doesNotContain("DOWNLOAD-TOKEN");
      }
      assertThat(atlas.jobsCreated()).isEqualTo(1);
      assertThat(atlas.cancelledJobs()).isEmpty();
      assertThat(atlas.violations()).isEmpty();
    }
    assertThat(workFolders()).isEmpty();
  }

  @Test
  void ctrlCWhileTheJobIsPreparingCancelsIt() throws Exception {
    try (AtlasApiDouble atlas =
            new AtlasApiDouble(bytes, new AtlasContract()).pollsBeforeReady(1_000_000);
        RestoreProcess restore = inspect(atlas)) {
      restore.awaitStderr(l -> l.contains(": preparing the download"));
      restore.signal("INT");
      int exit = restore.awaitExit();
      assertThat(exit).as(restore.transcript()).isNotZero();
      assertThat(atlas.cancelledJobs()).containsExactly("7b0000000000000000000001");
      assertThat(restore.stderr())
          .contains("restore: cancelled Atlas restore job 7b0000000000000000000001");
      assertThat(atlas.violations()).isEmpty();
    }
    assertThat(workFolders()).isEmpty();
  }
}
