package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.source.atlas.AtlasContract;
import io.restore.testkit.atlas.AtlasApiDouble;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore open|dump atlas://…} of a sharded cluster (issue 20): {@link AtlasApiDouble}'s
 * restore job lists one component per replica set, each with its own {@code .tar.gz} of the
 * testkit's sharded set; restore downloads them all and runs the cluster session as for several
 * SOURCEs. Restore and the mongod stand-ins run in this JVM ({@link InJvmRestore}).
 */
class AtlasClusterTest {
  @TempDir static Path shared;
  static ShardedSnapshots set;

  /** replica set name → its archive, shards first (the job's order is not the cluster's). */
  static final Map<String, byte[]> archives = new LinkedHashMap<>();

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;
  @TempDir Path out;

  AtlasApiDouble atlas;

  @BeforeAll
  static void generate() throws Exception {
    set = ShardedSampleGenerator.writeSnapshots(shared.resolve("set"), 5050);
    Map<ShardedSnapshots.Component, Path> files = ShardedArchives.write(set, shared.resolve("tgz"));
    List<ShardedSnapshots.Component> order = new ArrayList<>(files.keySet());
    order.remove(set.configComponent());
    order.add(set.configComponent());
    for (ShardedSnapshots.Component c : order) {
      archives.put(c.replicaSet(), Files.readAllBytes(files.get(c)));
    }
  }

  @BeforeEach
  void startAtlas() throws Exception {
    atlas = new AtlasApiDouble(new byte[0], new AtlasContract()).sharded(archives);
  }

  @AfterEach
  void stopAtlas() {
    atlas.close();
  }

  private String source() {
    return "atlas://" + AtlasApiDouble.PROJECT + "/" + AtlasApiDouble.CLUSTER;
  }

  private InJvmRestore run(List<String> first, String... more) {
    List<String> args = new ArrayList<>(first);
    if (!first.get(0).equals("inspect")) {
      args.addAll(List.of("--mongod", RestoreProcess.standIn().toString()));
    }
    args.addAll(
        List.of(
            "--atlas-base-url",
            atlas.baseUrl().toString(),
            "--atlas-ca-file",
            atlas.caFile().toString()));
    args.addAll(List.of(more));
    Map<String, String> env = new LinkedHashMap<>();
    env.put("RESTORE_WORK_DIR", work.toString());
    env.put("RESTORE_ATLAS_POLL_INTERVAL", "0.05");
    env.put("MONGODB_ATLAS_PUBLIC_API_KEY", AtlasApiDouble.PUBLIC_KEY);
    env.put("MONGODB_ATLAS_PRIVATE_API_KEY", AtlasApiDouble.PRIVATE_KEY);
    return InJvmRestore.start(InJvmRestore.env(state, runtime, env), args);
  }

  private void assertNothingLeft(InJvmRestore restore) throws Exception {
    restore.assertStandInsEnded();
    Leftovers.assertNoSession(state);
    Leftovers.assertNoSessionFiles(runtime);
    try (Stream<Path> s = Files.list(work)) {
      assertThat(s).as("work folders removed").isEmpty();
    }
  }

  private void assertNoSecrets(String stderr) {
    assertThat(stderr)
        .doesNotContain(AtlasApiDouble.PRIVATE_KEY)
        .doesNotContain(AtlasApiDouble.PATH_TOKEN)
        .doesNotContain("DOWNLOAD-TOKEN")
        .doesNotContain("Exception");
  }

  @Test
  void dumpOfAShardedClustersJobWritesOneDumpOfTheWholeCluster() throws Exception {
    Path archive = out.resolve("cluster.archive");
    try (InJvmRestore restore = run(List.of("dump", source()), "--archive=" + archive)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      ShardedArchives.assertOwnedDocuments(set, archive);
      assertThat(restore.stderr())
          .contains("is of a sharded cluster: Atlas restore job")
          .contains("delivers " + archives.size() + " archives")
          .contains("orphans skipped");
      for (String rs : archives.keySet()) {
        assertThat(restore.stderr()).contains(rs + " (Atlas restore job");
      }
      assertNoSecrets(restore.stderr());
      assertThat(atlas.violations()).isEmpty();
      assertThat(atlas.requests().stream().filter(r -> r.startsWith("GET /backup/restore/")))
          .hasSize(archives.size());
      assertNothingLeft(restore);
    }
  }

  @Test
  void openExecSeesEveryComponentsUri() throws Exception {
    Path envOut = out.resolve("env.txt");
    try (InJvmRestore restore =
        run(List.of("open", source()), "--exec", "--", "sh", "-c", "env > '" + envOut + "'")) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      List<String> env = Files.readAllLines(envOut);
      assertThat(env).anyMatch(l -> l.startsWith("MONGODB_URI_CONFIG=mongodb://127.0.0.1:"));
      for (String id : set.shards().keySet()) {
        assertThat(env)
            .anyMatch(l -> l.startsWith(ClusterReady.uriVariable(id) + "=mongodb://127.0.0.1:"));
      }
      assertThat(env).anyMatch(l -> l.startsWith("RESTORE_COMPONENTS_JSON="));
      assertNoSecrets(restore.stderr());
      assertNothingLeft(restore);
    }
  }

  @Test
  void aComponentWhoseDownloadFailsIsNamedAndNothingIsLeft() throws Exception {
    String failing = new ArrayList<>(archives.keySet()).get(1);
    atlas.failDownload(failing);
    Path archive = out.resolve("cluster.archive");
    try (InJvmRestore restore = run(List.of("dump", source()), "--archive=" + archive)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr())
          .contains("component " + failing + " (Atlas restore job")
          .contains("has expired or was already used");
      assertNoSecrets(restore.stderr());
      assertThat(archive).doesNotExist();
      assertNothingLeft(restore);
    }
  }

  @Test
  void inspectShowsEachComponentOfTheJob() throws Exception {
    try (InJvmRestore restore = run(List.of("inspect", source()))) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      for (ShardedSnapshots.Component c : set.components().values()) {
        assertThat(restore.stdout())
            .contains("source " + c.replicaSet() + " (Atlas restore job")
            .contains(c.keyId());
      }
      assertNoSecrets(restore.stderr());
      assertThat(atlas.violations()).isEmpty();
      try (Stream<Path> s = Files.list(work)) {
        assertThat(s).as("work folders removed").isEmpty();
      }
    }
  }

  @Test
  void anAtlasSourceAmongOtherSourcesIsAUsageErrorBeforeAnyAtlasCall() throws Exception {
    try (InJvmRestore restore =
        run(
            List.of("dump", source(), set.configServer().toString()),
            "--archive=" + out.resolve("x.archive"))) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.USAGE.value());
      assertThat(restore.stderr())
          .contains("an atlas:// source cannot be combined with other sources");
      assertThat(atlas.requests()).isEmpty();
      assertNothingLeft(restore);
    }
  }
}
