package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSnapshots;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only real processes show for a sharded cluster's session: restore SIGKILLed while every
 * component's mongod runs leaves none behind (each mongod's watchdog stops it), and the records are
 * stale, so {@code restore ps} lists nothing.
 */
class ClusterKillTest {
  @TempDir Path shared;
  @TempDir Path state;
  @TempDir Path runtime;

  @Test
  void aSigkilledRestoreLeavesNoMongodOfAnyComponent() throws Exception {
    ShardedSnapshots set = ShardedSampleGenerator.writeSnapshots(shared.resolve("set"), 7070);
    List<String> args = new ArrayList<>(List.of("open", set.configServer().toString()));
    set.shards().values().forEach(p -> args.add(p.toString()));
    args.addAll(List.of("--mongod", RestoreProcess.standIn().toString()));
    try (RestoreProcess restore =
        RestoreProcess.start(RestoreProcess.baseEnv(state, runtime), args.toArray(String[]::new))) {
      for (String id : set.shards().keySet()) {
        restore.awaitStdout(l -> l.startsWith(id + " mongodb://"));
      }
      List<ProcessHandle> started = restore.descendants();
      assertThat(started)
          .as("4 mongods and their watchdogs\n" + restore.transcript())
          .hasSizeGreaterThanOrEqualTo(8);

      restore.signal("KILL");

      // four stand-in JVMs shut down at once on a loaded machine: a wider bound than one mongod's
      await()
          .atMost(RestoreProcess.PATIENCE)
          .untilAsserted(
              () ->
                  assertThat(
                          started.stream().filter(ProcessHandle::isAlive).map(ProcessHandle::pid))
                      .as("processes still running\n%s", restore.transcript())
                      .isEmpty());
      Leftovers.assertNoSession(state);
    }
  }
}
