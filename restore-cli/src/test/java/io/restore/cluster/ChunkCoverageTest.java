package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.dump.Namespace;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class ChunkCoverageTest {
  private static final Namespace NS = new Namespace("shop", "customers");
  private static final ShardKeyPattern KEY =
      ShardKeyPattern.parse(NS, BsonDocument.parse("{c: 1}"));

  private static Chunk chunk(String min, String max, String shard) {
    return new Chunk(
        KEY.bound(BsonDocument.parse("{c: " + min + "}")),
        KEY.bound(BsonDocument.parse("{c: " + max + "}")),
        shard);
  }

  private static List<String> problems(Chunk... chunks) {
    return ChunkCoverage.problems(new ShardedCollection(NS, KEY, false, List.of(chunks))).stream()
        .map(CoverageProblem::describe)
        .toList();
  }

  private static final String MIN = "{$minKey: 1}";
  private static final String MAX = "{$maxKey: 1}";

  @Test
  void chunksThatTileTheKeySpaceInAnyOrderAreFine() {
    assertThat(problems(chunk("100", MAX, "s1"), chunk(MIN, "100", "s0"))).isEmpty();
    assertThat(problems(chunk(MIN, MAX, "s0"))).isEmpty();
  }

  @Test
  void aGapNamesTheCollectionAndTheRange() {
    assertThat(problems(chunk(MIN, "100", "s0"), chunk("200", MAX, "s1")))
        .containsExactly("shop.customers: gap, no chunk covers [{ c: 100 }, { c: 200 })");
  }

  @Test
  void anOverlapNamesTheCollectionAndTheRange() {
    assertThat(problems(chunk(MIN, "150", "s0"), chunk("100", MAX, "s1")))
        .containsExactly(
            "shop.customers: overlap, more than one chunk covers [{ c: 100 }, { c: 150 })");
  }

  @Test
  void coverageMustRunFromMinKeyToMaxKey() {
    assertThat(problems(chunk("0", "100", "s0")))
        .containsExactly(
            "shop.customers: no chunk covers MinKey up to { c: 0 }",
            "shop.customers: no chunk covers { c: 100 } up to MaxKey");
    assertThat(problems()).containsExactly("shop.customers has no chunks");
    assertThat(problems(chunk(MIN, "5", "s0"), chunk("5", "5", "s1"), chunk("5", MAX, "s1")))
        .containsExactly(
            "shop.customers: a chunk's min is not below its max: [{ c: 5 }, { c: 5 })");
  }
}
