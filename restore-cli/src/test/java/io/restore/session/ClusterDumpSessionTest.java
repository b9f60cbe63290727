package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.ExitCode;
import io.restore.source.SnapshotServer;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSnapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore dump SOURCE…} of a sharded cluster's set end to end (issue 20): the cluster
 * session starts a mongod per component, the cluster dump engine writes one archive of the owned
 * documents, everything is torn down. Expected contents come from the generator's own plan.
 */
class ClusterDumpSessionTest {
  @TempDir static Path shared;
  static ShardedSnapshots set;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;

  @BeforeAll
  static void generate() throws Exception {
    set = ShardedSampleGenerator.writeSnapshots(shared.resolve("set"), 5050);
  }

  private static List<String> sources(ShardedSnapshots s) {
    List<String> out = new ArrayList<>();
    out.add(s.configServer().toString());
    s.shards().values().forEach(p -> out.add(p.toString()));
    return out;
  }

  private InJvmRestore run(Map<String, String> env, List<String> sources, String... more) {
    List<String> args = new ArrayList<>();
    args.add("dump");
    args.addAll(sources);
    args.addAll(List.of("--mongod", RestoreProcess.standIn().toString()));
    args.addAll(List.of(more));
    return InJvmRestore.start(InJvmRestore.env(state, runtime, env), args);
  }

  private void assertOwnedDocuments(Path archive) throws Exception {
    ShardedArchives.assertOwnedDocuments(set, archive);
  }

  private void assertNothingLeft(InJvmRestore restore) throws Exception {
    restore.assertStandInsEnded();
    Leftovers.assertNoSession(state);
    Leftovers.assertNoSessionFiles(runtime);
  }

  @Test
  void dumpsTheWholeClusterAsOneArchiveOfOwnedDocuments() throws Exception {
    Path archive = work.resolve("cluster.archive");
    try (InJvmRestore restore = run(Map.of(), sources(set), "--archive=" + archive)) {
      assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
      assertOwnedDocuments(archive);
      assertThat(restore.stderr()).contains("orphans skipped");
      assertThat(restore.stderr().lines().filter(l -> l.contains("shop.sessions: owned")))
          .as("the per-shard counts, printed once")
          .hasSize(1);
      assertThat(restore.stdout()).as("stdout carries no URI lines").isEmpty();
      assertNothingLeft(restore);
    }
  }

  @Test
  void ctrlCMidClusterDumpExits130AndLeavesNoOutput() throws Exception {
    Path out = work.resolve("dump");
    try (InJvmRestore restore =
        run(Map.of("STANDIN_FIND_DELAY_MS", "2000"), sources(set), "--out", out.toString())) {
      restore.awaitStderr(l -> l.contains("config server (replica set"));

      restore.signal("INT");

      await().atMost(Duration.ofSeconds(30)).until(() -> !restore.isRunning());
      assertThat(restore.awaitExit())
          .as(restore.transcript())
          .isEqualTo(ExitCode.INTERRUPTED.value());
      assertThat(out).doesNotExist();
      try (Stream<Path> s = Files.list(work)) {
        assertThat(s.filter(p -> p.getFileName().toString().startsWith("dump."))).isEmpty();
      }
      assertNothingLeft(restore);
    }
  }

  @Test
  void dumpsTheSetServedAsArchivesOverHttp() throws Exception {
    ShardedSnapshots copy = ShardedSampleGenerator.writeSnapshots(work.resolve("set"), 5050);
    List<SnapshotServer> servers = new ArrayList<>();
    List<String> links = new ArrayList<>();
    try {
      for (Path tgz : ShardedArchives.write(copy, work.resolve("tgz")).values()) {
        SnapshotServer server = new SnapshotServer(Files.readAllBytes(tgz));
        servers.add(server);
        links.add(server.uri().toString());
      }
      // The first link answers only once the second has been downloaded whole: fetched one after
      // the other, the first would wait for a download that never starts.
      servers.get(0).holdUntil(servers.get(1).served());
      Files.createDirectories(work.resolve("extract"));
      Path archive = work.resolve("over-http.archive");
      try (InJvmRestore restore =
          run(
              Map.of(),
              links,
              "--archive=" + archive,
              "--work-dir",
              work.resolve("extract").toString())) {
        assertThat(restore.awaitExit()).as(restore.transcript()).isZero();
        assertThat(servers.get(0).openedByGate()).as("the downloads overlapped").isTrue();
        assertOwnedDocuments(archive);
        assertNothingLeft(restore);
        // Concurrent downloads report in whole lines, each naming its component.
        assertThat(restore.stderr().lines().filter(l -> l.contains("downloading ")))
            .hasSize(links.size())
            .allMatch(l -> l.startsWith("restore: http://127.0.0.1:"));
      }
      try (Stream<Path> s = Files.list(work.resolve("extract"))) {
        assertThat(s).as("work folders removed").isEmpty();
      }
    } finally {
      servers.forEach(SnapshotServer::close);
    }
  }

  @Test
  void theFirstFailingDownloadStopsTheOthersAndRemovesEveryFolder() throws Exception {
    ShardedSnapshots copy = ShardedSampleGenerator.writeSnapshots(work.resolve("set"), 5050);
    List<SnapshotServer> servers = new ArrayList<>();
    List<String> links = new ArrayList<>();
    try {
      for (Path tgz : ShardedArchives.write(copy, work.resolve("tgz")).values()) {
        SnapshotServer server = new SnapshotServer(Files.readAllBytes(tgz));
        servers.add(server);
        links.add(server.uri().toString());
      }
      // Every other download stops mid-body until the test ends: only being stopped ends them
      // (the stall timeout is far beyond the test's own limit).
      servers.forEach(x -> x.stallAfter(4096));
      servers.get(1).holdUntil(servers.get(0).served()).status(410);
      servers.get(0).stallAfter(-1);
      Files.createDirectories(work.resolve("extract"));
      Path archive = work.resolve("never.archive");
      try (InJvmRestore restore =
          run(
              Map.of("RESTORE_DOWNLOAD_TIMEOUT", "3600"),
              links,
              "--archive=" + archive,
              "--work-dir",
              work.resolve("extract").toString())) {
        assertThat(restore.awaitExit())
            .as(restore.transcript())
            .isEqualTo(ExitCode.SNAPSHOT.value());
        assertThat(restore.stderr())
            .contains("has expired or was already used")
            .doesNotContain("SECRET-TOKEN")
            .doesNotContain("Exception");
        assertThat(archive).doesNotExist();
        assertNothingLeft(restore);
      }
      try (Stream<Path> s = Files.list(work.resolve("extract"))) {
        assertThat(s).as("work folders removed").isEmpty();
      }
    } finally {
      servers.forEach(SnapshotServer::close);
    }
  }
}
