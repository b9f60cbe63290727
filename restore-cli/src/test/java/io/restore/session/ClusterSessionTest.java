package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.ExitCode;
import io.restore.json.Json;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.mongod.StandInData;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore open SOURCE…} over a sharded cluster's set (issue 20): the testkit's config server
 * and three shards as stand-in snapshots, each with its own key id, the second shard's key wrapped
 * by the AWS KMS double. Runs restore and the stand-ins in this JVM ({@link InJvmRestore}).
 */
class ClusterSessionTest {
  @TempDir static Path shared;
  static FakeAwsKms aws;
  static ShardedSnapshots set;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;

  @BeforeAll
  static void generate() throws Exception {
    aws = FakeAwsKms.start();
    set = ShardedSampleGenerator.writeSnapshots(shared.resolve("set"), 2020, aws);
  }

  @AfterAll
  static void stop() {
    aws.close();
  }

  /** The config server and every shard, in an order that is not config.shards'. */
  private static List<String> allSources() {
    List<String> out = new ArrayList<>();
    List<Path> shards = new ArrayList<>(set.shards().values());
    out.add(shards.get(2).toString());
    out.add(set.configServer().toString());
    out.add(shards.get(0).toString());
    out.add(shards.get(1).toString());
    return out;
  }

  private InJvmRestore start(Map<String, String> extraEnv, List<String> sources, String... more) {
    List<String> args = new ArrayList<>();
    args.add("open");
    args.addAll(sources);
    args.addAll(
        List.of(
            "--mongod",
            RestoreProcess.standIn().toString(),
            "--kms-endpoint",
            aws.endpoint().toString()));
    args.addAll(List.of(more));
    return InJvmRestore.start(InJvmRestore.env(state, runtime, extraEnv), args);
  }

  private void assertNothingLeft(InJvmRestore restore) throws Exception {
    restore.assertStandInsEnded();
    Leftovers.assertNoSession(state);
    Leftovers.assertNoSessionFiles(runtime);
  }

  @Test
  void opensEveryComponentAndPrintsOneConnectionStringEach() throws Exception {
    try (InJvmRestore restore = start(Map.of(), allSources(), "--max-parallel-mongods", "2")) {
      await()
          .atMost(RestoreProcess.PATIENCE)
          .until(() -> restore.stdout().lines().count() >= 4 || !restore.isRunning());
      List<String> lines = restore.stdout().lines().toList();
      assertThat(lines).as(restore.transcript()).hasSize(4);
      assertThat(lines.get(0)).startsWith("config mongodb://127.0.0.1:");
      List<String> ids = new ArrayList<>(set.shards().keySet());
      for (int i = 0; i < 3; i++) {
        assertThat(lines.get(i + 1)).startsWith(ids.get(i) + " mongodb://127.0.0.1:");
      }
      assertThat(restore.stderr())
          .contains("decrypted (aws provider)")
          .contains("decrypted (local provider)")
          .contains("serving 4 keys")
          .contains("starting 4 mongods, 2 at a time")
          .contains("config server (replica set " + set.sample().configReplicaSet() + ")");
      assertThat(restore.launcher.standIns()).as("the version probe and 4 mongods").hasSize(5);

      restore.signal("INT");

      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertThat(restore.stderr()).contains("SIGINT received: tearing down");
      assertNothingLeft(restore);
    }
  }

  @Test
  void jsonListsEveryComponent() throws Exception {
    try (InJvmRestore restore = start(Map.of(), allSources(), "--json")) {
      String line = restore.awaitStdout(l -> l.startsWith("{"));
      Map<String, Object> json = Json.parseObject(line);
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> components = (List<Map<String, Object>>) json.get("components");
      assertThat(components).hasSize(4);
      assertThat(components.get(0))
          .containsEntry("component", "config")
          .containsEntry("shard", null)
          .containsEntry("replicaSet", set.sample().configReplicaSet())
          .containsEntry("keyId", set.configComponent().keyId())
          .containsEntry("provider", "local");
      List<String> ids = new ArrayList<>(set.shards().keySet());
      for (int i = 0; i < 3; i++) {
        ShardedSnapshots.Component c = set.components().get(ids.get(i));
        assertThat(components.get(i + 1))
            .containsEntry("component", "shard")
            .containsEntry("shard", ids.get(i))
            .containsEntry("replicaSet", c.replicaSet())
            .containsEntry("keyId", c.keyId())
            .containsEntry("provider", c.provider())
            .containsEntry("dbpath", c.dbpath().toAbsolutePath().toString());
        assertThat((String) components.get(i + 1).get("uri")).startsWith("mongodb://127.0.0.1:");
      }
      // the same fields, in the same order, as docs/json-output.md documents
      Map<String, Object> documented = io.restore.cli.JsonDocs.example("open-cluster");
      assertThat(json.keySet()).containsExactlyElementsOf(documented.keySet());
      @SuppressWarnings("unchecked")
      Map<String, Object> documentedComponent =
          ((List<Map<String, Object>>) documented.get("components")).get(1);
      assertThat(components.get(1).keySet())
          .containsExactlyElementsOf(documentedComponent.keySet());
      assertThat(restore.stdout().lines()).hasSize(1);

      restore.signal("TERM");

      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertNothingLeft(restore);
    }
  }

  @Test
  void execGetsEveryUriAndTheComponentsFile() throws Exception {
    Path envOut = work.resolve("env.txt");
    Path jsonOut = work.resolve("components.json");
    List<String> args = new ArrayList<>(allSources());
    try (InJvmRestore restore =
        start(
            Map.of(),
            args,
            "--exec",
            "--",
            "sh",
            "-c",
            "env > '" + envOut + "' && cat \"$RESTORE_COMPONENTS_JSON\" > '" + jsonOut + "'")) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      List<String> env = Files.readAllLines(envOut);
      assertThat(env).anyMatch(l -> l.startsWith("MONGODB_URI_CONFIG=mongodb://127.0.0.1:"));
      for (String id : set.shards().keySet()) {
        String name = ClusterReady.uriVariable(id);
        assertThat(name).matches("MONGODB_URI_[A-Z0-9_]+");
        assertThat(env).anyMatch(l -> l.startsWith(name + "=mongodb://127.0.0.1:"));
      }
      assertThat(env).noneMatch(l -> l.startsWith("MONGODB_URI="));
      Map<String, Object> json = Json.parseObject(Files.readString(jsonOut));
      assertThat((List<?>) json.get("components")).hasSize(4);
      assertNothingLeft(restore);
    }
  }

  @Test
  void anEncryptedClientKeyGivesEachMongodItsOwnPasswordFile() throws Exception {
    try (InJvmRestore restore =
        start(
            Map.of(),
            allSources(),
            "--client-key-password",
            "pw-cluster",
            "--exec",
            "--",
            "true")) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertThat(restore.stderr()).doesNotContain("pw-cluster");
      assertNothingLeft(restore);
    }
  }

  @Test
  void aMissingShardIsRefusedByNameAndNothingIsLeft() throws Exception {
    List<String> sources = new ArrayList<>(allSources());
    String missing = new ArrayList<>(set.shards().keySet()).get(0);
    sources.remove(set.shards().get(missing).toString());
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr())
          .contains(
              "shard "
                  + missing
                  + " (replica set "
                  + set.components().get(missing).replicaSet()
                  + ") is missing");
      assertThat(restore.stdout()).isEmpty();
      assertNothingLeft(restore);
    }
  }

  @Test
  void aShardGivenTwiceIsRefusedNamingBothCopies() throws Exception {
    String twice = new ArrayList<>(set.shards().keySet()).get(1);
    // beside the original: the metadata names its key file by a relative path
    Path copy = set.shards().get(twice).resolveSibling("copy-of-" + twice);
    copyTree(set.shards().get(twice), copy);
    List<String> sources = new ArrayList<>(allSources());
    sources.add(copy.toString());
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr())
          .contains("shard " + twice + " is given more than once")
          .contains(copy.toString());
      assertNothingLeft(restore);
    }
  }

  @Test
  void theSameFolderTwiceIsRefusedBeforeAnythingStarts() throws Exception {
    List<String> sources = new ArrayList<>(allSources());
    sources.add(set.configServer().toString());
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr()).contains("the same snapshot is given twice");
      assertThat(restore.launcher.standIns()).as("not even the version probe").isEmpty();
      assertNothingLeft(restore);
    }
  }

  @Test
  void aSnapshotThatIsNoComponentIsRefused() throws Exception {
    SampleSnapshotGenerator.Sample single = SampleSnapshotGenerator.smallLocal(work, 77);
    List<String> sources = new ArrayList<>(allSources());
    sources.add(single.dbpath().toString());
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr())
          .contains(single.dbpath().toString() + " (replica set atlas-test-shard-0)")
          .contains("is not a shard of this cluster (config.shards lists");
      assertNothingLeft(restore);
    }
  }

  @Test
  void oneComponentsKeyFailingNamesItAndStartsNothing() throws Exception {
    Path broken = work.resolve("broken-set");
    ShardedSnapshots copy = ShardedSampleGenerator.writeSnapshots(broken, 3030);
    String shard = new ArrayList<>(copy.shards().keySet()).get(2);
    Files.delete(copy.components().get(shard).keyFile());
    List<String> sources = new ArrayList<>();
    sources.add(copy.configServer().toString());
    copy.shards().values().forEach(p -> sources.add(p.toString()));
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isIn(3, 4);
      assertThat(restore.stderr())
          .contains("component " + copy.shards().get(shard))
          .doesNotContain("KMIP server on")
          .doesNotContain("starting 4 mongods");
      assertNothingLeft(restore);
    }
  }

  @Test
  void aWrongKeyFailsThatComponentsMongodAndStopsTheOthers() throws Exception {
    Path wrong = work.resolve("wrong-set");
    ShardedSnapshots copy = ShardedSampleGenerator.writeSnapshots(wrong, 4040);
    String shard = new ArrayList<>(copy.shards().keySet()).get(0);
    Files.write(copy.components().get(shard).keyFile(), new byte[32]);
    List<String> sources = new ArrayList<>();
    sources.add(copy.configServer().toString());
    copy.shards().values().forEach(p -> sources.add(p.toString()));
    try (InJvmRestore restore = start(Map.of(), sources)) {
      int exit = restore.awaitExit();
      assertThat(exit).as(restore.transcript()).isNotZero();
      assertThat(restore.stderr())
          .as(restore.transcript())
          .contains("component " + copy.shards().get(shard) + ": mongod");
      assertThat(restore.stdout()).isEmpty();
      assertNothingLeft(restore);
    }
  }

  @Test
  void snapshotsOfDifferentTimesAreRefusedListingEachTime() throws Exception {
    ShardedSnapshots mixed = ShardedSampleGenerator.writeSnapshots(work.resolve("mixed"), 6060);
    long now = 1_764_000_000L;
    String older = new ArrayList<>(mixed.shards().keySet()).get(1);
    for (ShardedSnapshots.Component c : mixed.components().values()) {
      addOplogEntry(c, c.name().equals(older) ? now - 6 * 3600 : now - c.name().length());
    }
    List<String> sources = new ArrayList<>();
    sources.add(mixed.configServer().toString());
    mixed.shards().values().forEach(p -> sources.add(p.toString()));
    try (InJvmRestore restore = start(Map.of(), sources)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(restore.stderr())
          .contains("the snapshots were taken at different times")
          .contains(
              mixed.shards().get(older) + " at " + java.time.Instant.ofEpochSecond(now - 6 * 3600));
      assertThat(restore.stdout()).isEmpty();
      assertNothingLeft(restore);
    }
  }

  /** A replica set's oplog with one no-op entry at {@code epochSeconds}, added to its data. */
  private static void addOplogEntry(ShardedSnapshots.Component c, long epochSeconds)
      throws Exception {
    byte[] key = c.masterKey();
    try {
      StandInData.Dataset d = StandInData.read(c.dbpath(), key);
      org.bson.BsonDocument entry =
          new org.bson.BsonDocument("ts", new org.bson.BsonTimestamp((int) epochSeconds, 1))
              .append("op", new org.bson.BsonString("n"))
              .append("o", new org.bson.BsonDocument("msg", new org.bson.BsonString("periodic")));
      java.nio.ByteBuffer raw =
          new org.bson.RawBsonDocument(entry, new org.bson.codecs.BsonDocumentCodec())
              .getByteBuffer()
              .asNIO();
      byte[] bytes = new byte[raw.remaining()];
      raw.get(bytes);
      List<StandInData.StoredCollection> collections = new ArrayList<>(d.collections());
      collections.add(
          new StandInData.StoredCollection("local", "oplog.rs", List.of(), List.of(bytes)));
      StandInData.write(
          c.dbpath(),
          key,
          new StandInData.Dataset(d.keyId(), d.replicaSet(), collections, d.views()),
          new java.util.Random(7));
    } finally {
      java.util.Arrays.fill(key, (byte) 0);
    }
  }

  @Test
  void ctrlCWhileTheMongodsStartStopsEveryOne() throws Exception {
    try (InJvmRestore restore =
        start(
            Map.of("STANDIN_STARTUP_DELAY_MS", "60000"),
            allSources(),
            "--max-parallel-mongods",
            "3")) {
      await()
          .atMost(RestoreProcess.PATIENCE)
          .until(() -> restore.launcher.standIns().size() >= 4 || !restore.isRunning());
      assertThat(restore.isRunning()).as(restore.transcript()).isTrue();

      restore.signal("INT");

      assertThat(restore.awaitExit())
          .as(restore.transcript())
          .isEqualTo(ExitCode.INTERRUPTED.value());
      assertThat(restore.stderr())
          .contains("SIGINT received; everything started so far was stopped")
          .doesNotContain("ready on port");
      assertThat(restore.stdout()).isEmpty();
      assertNothingLeft(restore);
    }
  }

  private static void copyTree(Path from, Path to) throws Exception {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
