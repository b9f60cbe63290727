package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.dump.Namespace;
import io.restore.testkit.sample.ShardedSample;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSampleGenerator.ChunkIdentity;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * The ownership filter against the generator's own record of what it planted: every document's
 * decision, the orphan counts, and that the owned copies add up to each document exactly once.
 */
class ShardedSampleOwnershipTest {
  private final ShardedSample sample = ShardedSampleGenerator.generate(ChunkIdentity.UUID);

  private RoutingTable table() {
    try (ConfigServerStandIn config = new ConfigServerStandIn(sample.config())) {
      return ConfigServerReader.read(config.client);
    }
  }

  @Test
  void everyDecisionAgreesWithTheGeneratorsRecord() {
    RoutingTable table = table();
    List<String> disagreements = new ArrayList<>();
    for (ShardedSample.ShardData shard : sample.shards()) {
      OwnershipFilter filter = new OwnershipFilter(table, shard.id());
      for (ShardedSample.Placed p : shard.documents()) {
        Ownership got = filter.decide(new Namespace(p.db(), p.collection()), p.document());
        Ownership expected = p.owned() ? Ownership.OWNED : Ownership.ORPHAN;
        if (got != expected) {
          disagreements.add(
              shard.id() + " " + p.collection() + " " + p.document().toJson() + ": " + got);
        }
      }
      Map<String, Long> counted = new TreeMap<>();
      filter.orphanCounts().forEach((ns, n) -> counted.put(ns.toString(), n));
      assertThat(counted).as(shard.id()).isEqualTo(shard.expectedOrphans());
    }
    assertThat(disagreements).isEmpty();
  }

  /** The dump's path: each namespace's decider on the documents' raw bytes. */
  @Test
  void theRawBytesDeciderAgreesWithTheGeneratorsRecord() {
    RoutingTable table = table();
    List<String> disagreements = new ArrayList<>();
    for (ShardedSample.ShardData shard : sample.shards()) {
      OwnershipFilter filter = new OwnershipFilter(table, shard.id());
      Map<Namespace, OwnershipFilter.RawDecider> deciders = new HashMap<>();
      for (ShardedSample.Placed p : shard.documents()) {
        OwnershipFilter.RawDecider d =
            deciders.computeIfAbsent(new Namespace(p.db(), p.collection()), filter::forNamespace);
        ByteBuffer raw = p.document().getByteBuffer().asNIO();
        byte[] bytes = new byte[raw.remaining() + 3];
        raw.get(bytes, 3, bytes.length - 3); // not at the start of its buffer, as in a chunk
        Ownership got = d.decide(bytes, 3, bytes.length - 3);
        if (got != (p.owned() ? Ownership.OWNED : Ownership.ORPHAN)) {
          disagreements.add(
              shard.id() + " " + p.collection() + " " + p.document().toJson() + ": " + got);
        }
      }
      Map<String, Long> counted = new TreeMap<>();
      filter.orphanCounts().forEach((ns, n) -> counted.put(ns.toString(), n));
      assertThat(counted).as(shard.id()).isEqualTo(shard.expectedOrphans());
    }
    assertThat(disagreements).isEmpty();
    OwnershipFilter filter = new OwnershipFilter(table, "atlas-q1w2e3-shard-0");
    byte[] empty = {5, 0, 0, 0, 0};
    assertThat(filter.forNamespace(new Namespace("admin", "system.users")).decide(empty, 0, 5))
        .isEqualTo(Ownership.NOT_ROUTED);
  }

  @Test
  void theSamplePlantsWhatItPromises() {
    long orphanShards =
        sample.shards().stream().filter(s -> !s.expectedOrphans().isEmpty()).count();
    assertThat(orphanShards).isGreaterThanOrEqualTo(2);
    Set<String> ownedOnce = new HashSet<>();
    int owned = 0;
    for (ShardedSample.ShardData shard : sample.shards()) {
      for (ShardedSample.Placed p : shard.documents()) {
        if (p.owned()) {
          owned++;
          ownedOnce.add(p.db() + "." + p.collection() + " " + p.document().get("_id"));
        }
      }
    }
    assertThat(ownedOnce).hasSize(owned); // no document owned by two shards
  }

  @Test
  void databasesTheConfigServerDoesNotListAreNotRouted() {
    OwnershipFilter filter = new OwnershipFilter(table(), "atlas-q1w2e3-shard-0");
    assertThat(filter.decide(new Namespace("admin", "system.users"), new org.bson.BsonDocument()))
        .isEqualTo(Ownership.NOT_ROUTED);
    assertThat(filter.orphanCounts()).isEmpty();
  }
}
