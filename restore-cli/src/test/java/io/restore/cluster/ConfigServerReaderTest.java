package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.Namespace;
import io.restore.testkit.sample.ShardedSample;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSampleGenerator.ChunkIdentity;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class ConfigServerReaderTest {
  @ParameterizedTest
  @EnumSource(ChunkIdentity.class)
  void readsShardsPrimariesAndChunksByUuidOrNamespace(ChunkIdentity identity) {
    ShardedSample sample = ShardedSampleGenerator.generate(identity);
    try (ConfigServerStandIn config = new ConfigServerStandIn(sample.config())) {
      RoutingTable t = ConfigServerReader.read(config.client);
      assertThat(t.shards().keySet())
          .containsExactlyInAnyOrder(
              "atlas-q1w2e3-shard-0", "atlas-q1w2e3-shard-1", "atlas-q1w2e3-shard-2");
      assertThat(t.shards().get("atlas-q1w2e3-shard-1").hosts()).hasSize(3);
      assertThat(t.primaryShards()).containsEntry("shop", "atlas-q1w2e3-shard-1");
      assertThat(t.collections().keySet())
          .extracting(Namespace::toString)
          .containsExactlyInAnyOrder("shop.customers", "shop.orders", "shop.sessions");
      ShardedCollection orders = t.collections().get(new Namespace("shop", "orders"));
      assertThat(orders.key().fields())
          .extracting(ShardKeyPattern.KeyField::path)
          .containsExactly("region", "order.no");
      assertThat(orders.chunks()).hasSize(3);
      assertThat(t.collections().get(new Namespace("shop", "customers")).unique()).isTrue();
      assertThat(
              t.collections().get(new Namespace("shop", "sessions")).key().fields().get(0).hashed())
          .isTrue();
      assertThat(t.route(new Namespace("crm", "contacts")))
          .isEqualTo(new RoutingTable.Route.OnPrimary("atlas-q1w2e3-shard-2"));
      assertThat(t.route(new Namespace("admin", "system.users")))
          .isInstanceOf(RoutingTable.Route.NotRouted.class);
    }
  }

  @Test
  void onlyTheConfigServerListsShards() {
    ShardedSample sample = ShardedSampleGenerator.generate(ChunkIdentity.UUID);
    try (ConfigServerStandIn config = new ConfigServerStandIn(sample.config());
        ConfigServerStandIn shard = new ConfigServerStandIn(Map.of())) {
      assertThat(ConfigServerReader.listedShards(config.client))
          .extracting(Shard::replicaSet)
          .containsExactly("atlas-q1w2e3-shard-0", "atlas-q1w2e3-shard-1", "atlas-q1w2e3-shard-2");
      assertThat(ConfigServerReader.listedShards(shard.client)).isEmpty();
    }
  }

  @Test
  void aGapInTheChunksIsAnErrorNamingCollectionAndRange() {
    Map<String, List<BsonDocument>> config =
        new HashMap<>(ShardedSampleGenerator.generate(ChunkIdentity.UUID).config());
    List<BsonDocument> chunks = new ArrayList<>(config.get("chunks"));
    // Drop shop.customers' middle chunk, [100, 200).
    chunks.removeIf(
        c -> c.getDocument("min").get("customerId", new BsonString("")).equals(new BsonInt32(100)));
    config.put("chunks", chunks);
    try (ConfigServerStandIn stand = new ConfigServerStandIn(config)) {
      assertThatThrownBy(() -> ConfigServerReader.read(stand.client))
          .isInstanceOfSatisfying(
              RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT))
          .hasMessage(
              "the config server's chunks do not cover the key space: shop.customers: gap, no"
                  + " chunk covers [{ customerId: 100 }, { customerId: 200 })");
    }
  }

  @Test
  void aChunkOnAnUnlistedShardIsAnError() {
    Map<String, List<BsonDocument>> config =
        new HashMap<>(ShardedSampleGenerator.generate(ChunkIdentity.NAMESPACE).config());
    List<BsonDocument> shards = new ArrayList<>(config.get("shards"));
    shards.remove(2);
    config.put("shards", shards);
    try (ConfigServerStandIn stand = new ConfigServerStandIn(config)) {
      assertThatThrownBy(() -> ConfigServerReader.read(stand.client))
          .hasMessageContaining(
              "is on shard atlas-q1w2e3-shard-2, which config.shards does not list");
    }
  }
}
