package io.restore.testkit.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.mongod.StandInData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShardedSnapshotWriterTest {
  @TempDir Path tmp;

  @Test
  void everyComponentOpensWithItsOwnKeyAndHoldsWhatThePlanPutThere() throws Exception {
    ShardedSnapshots s = ShardedSampleGenerator.writeSnapshots(tmp, 7);

    assertThat(s.components().keySet())
        .containsExactly(
            "config", "atlas-q1w2e3-shard-0", "atlas-q1w2e3-shard-1", "atlas-q1w2e3-shard-2");
    assertThat(s.shards().keySet())
        .containsExactlyElementsOf(s.components().keySet().stream().skip(1).toList());
    Set<String> keyIds = new HashSet<>();
    for (ShardedSnapshots.Component c : s.components().values()) {
      keyIds.add(c.keyId());
      assertThat(c.provider()).isEqualTo("local");
      assertThat(c.metadataFile()).exists().hasFileName(c.keyId() + ".local.metadata");
      assertThat(c.dbpath().resolve("key.store").resolve(c.keyId())).isDirectory();
      StandInData.Dataset d = StandInData.read(c.dbpath(), c.masterKey());
      assertThat(d.replicaSet()).isEqualTo(c.replicaSet());
      assertThat(d.keyId()).isEqualTo(c.keyId());
    }
    assertThat(keyIds).hasSize(4);
    assertThat(
            SampleSnapshotGenerator.readKeyFile(
                s.components().get("atlas-q1w2e3-shard-2").keyFile()))
        .isEqualTo(s.components().get("atlas-q1w2e3-shard-2").masterKey());

    StandInData.Dataset config =
        StandInData.read(s.configServer(), s.configComponent().masterKey());
    assertThat(names(config))
        .contains(
            "config.shards",
            "config.databases",
            "config.collections",
            "config.chunks",
            "config.version")
        .noneMatch(n -> n.startsWith("shop.") || n.startsWith("crm."));
    assertThat(collection(config, "config.chunks").documents())
        .hasSize(s.sample().config().get("chunks").size());

    for (ShardedSample.ShardData shard : s.sample().shards()) {
      StandInData.Dataset d =
          StandInData.read(s.shards().get(shard.id()), s.components().get(shard.id()).masterKey());
      for (String ns : List.of("shop.customers", "shop.orders", "shop.sessions", "shop.notes")) {
        List<byte[]> planned =
            shard.documents().stream()
                .filter(p -> (p.db() + "." + p.collection()).equals(ns))
                .map(p -> bytes(p.document()))
                .toList();
        if (planned.isEmpty()) {
          continue;
        }
        assertThat(collection(d, ns).documents())
            .as(shard.id() + " " + ns)
            .zipSatisfy(planned, (a, b) -> assertThat(a).isEqualTo(b));
      }
      assertThat(names(d)).contains("config.version", "config.rangeDeletions");
    }
    // shop's primary holds every shop collection, crm's only on its primary
    StandInData.Dataset primary =
        StandInData.read(
            s.shards().get("atlas-q1w2e3-shard-1"),
            s.components().get("atlas-q1w2e3-shard-1").masterKey());
    assertThat(names(primary))
        .contains("shop.customers", "shop.orders", "shop.sessions", "shop.notes");
    assertThat(collection(primary, "shop.sessions").indexes())
        .singleElement()
        .satisfies(i -> assertThat(i.name()).isEqualTo("_id_hashed"));
    assertThat(collection(primary, "shop.orders").indexes())
        .singleElement()
        .satisfies(i -> assertThat(i.name()).isEqualTo("region_1_order.no_1"));
  }

  @Test
  void withAnAwsDoubleTheSecondShardsKeyIsWrappedByIt() throws Exception {
    try (FakeAwsKms aws = FakeAwsKms.start()) {
      ShardedSnapshots s = ShardedSampleGenerator.writeSnapshots(tmp, 9, aws);
      ShardedSnapshots.Component c = s.components().get("atlas-q1w2e3-shard-1");
      assertThat(c.provider()).isEqualTo("aws");
      assertThat(c.metadataFile()).hasFileName(c.keyId() + ".aws.metadata");
      assertThat(Files.readString(c.metadataFile()))
          .contains("encryptedKey", "customerMasterKeyID");
      assertThat(s.components().values().stream().filter(x -> x.provider().equals("local")))
          .hasSize(3);
      assertThat(StandInData.read(c.dbpath(), c.masterKey()).replicaSet())
          .isEqualTo("atlas-q1w2e3-shard-1");
    }
  }

  private static List<String> names(StandInData.Dataset d) {
    return d.collections().stream().map(c -> c.db() + "." + c.name()).toList();
  }

  private static StandInData.StoredCollection collection(StandInData.Dataset d, String ns) {
    return d.collections().stream()
        .filter(c -> (c.db() + "." + c.name()).equals(ns))
        .findFirst()
        .orElseThrow(() -> new AssertionError(ns + " missing"));
  }

  private static byte[] bytes(RawBsonDocument d) {
    java.nio.ByteBuffer b = d.getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
