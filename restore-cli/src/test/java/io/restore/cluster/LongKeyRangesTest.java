package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.dump.Namespace;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.bson.BsonBoolean;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The integer fast path of the ownership filter ({@link LongKeyRanges}) against the general path
 * ({@link ShardedCollection#chunkFor} in {@link BsonOrder} on decoded values), on random chunk maps
 * and random key values of every numeric kind (doubles with fractions, NaN, infinities, -0.0, longs
 * beyond 2^53, decimals) and other types, ranged and hashed keys, seeded per repetition.
 */
class LongKeyRangesTest {
  private static final Namespace NS = new Namespace("db", "c");
  private static final List<String> SHARDS = List.of("s0", "s1", "s2");

  @RepeatedTest(40)
  void agreesWithTheGeneralPath(RepetitionInfo rep) {
    Random r = new Random(20_2026L + rep.getCurrentRepetition());
    boolean hashed = rep.getCurrentRepetition() % 4 == 0;
    ShardedCollection c = collection(r, hashed, false);
    assertThat(LongKeyRanges.of(c)).isNotNull();
    for (String shard : SHARDS) {
      OwnershipFilter fast = new OwnershipFilter(table(c), shard);
      OwnershipFilter general = new OwnershipFilter(table(c), shard);
      OwnershipFilter.RawDecider raw = fast.forNamespace(NS);
      for (int i = 0; i < 400; i++) {
        BsonDocument doc = new BsonDocument("a", new BsonString("before"));
        BsonValue key = key(r, c);
        if (key != null) {
          doc.append("k", key);
        }
        doc.append("z", new BsonInt32(i));
        byte[] bytes = bytes(doc);
        String expected = outcome(() -> general.decide(NS, doc).toString());
        String actual = outcome(() -> raw.decide(bytes, 0, bytes.length).toString());
        assertThat(actual)
            .as("shard %s, key %s, chunks %s", shard, key, c.chunks())
            .isEqualTo(expected);
      }
      assertThat(fast.orphanCounts()).isEqualTo(general.orphanCounts());
    }
  }

  @RepeatedTest(20)
  void findsTheSameChunkForEveryInteger(RepetitionInfo rep) {
    Random r = new Random(7L * rep.getCurrentRepetition());
    ShardedCollection c = collection(r, false, true);
    LongKeyRanges ranges = LongKeyRanges.of(c);
    for (int i = 0; i < 2000; i++) {
      long k = integer(r);
      int index = ranges.chunkFor(k);
      var general = c.chunkFor(new ShardKey(List.of(new BsonInt64(k))));
      assertThat(index < 0 ? null : c.chunks().get(index)).isEqualTo(general.orElse(null));
    }
  }

  @Test
  void leavesDoubleDecimalAndCompoundBoundsToTheGeneralPath() {
    ShardKeyPattern one = new ShardKeyPattern(List.of(new ShardKeyPattern.KeyField("k", false)));
    assertThat(
            LongKeyRanges.of(
                collection(one, new BsonMinKey(), new BsonDouble(1.5), new BsonMaxKey())))
        .isNull();
    assertThat(
            LongKeyRanges.of(
                collection(
                    one,
                    new BsonMinKey(),
                    new BsonDecimal128(Decimal128.parse("2")),
                    new BsonMaxKey())))
        .isNull();
    ShardKeyPattern two =
        new ShardKeyPattern(
            List.of(
                new ShardKeyPattern.KeyField("a", false),
                new ShardKeyPattern.KeyField("b", false)));
    ShardKey min = new ShardKey(List.of(new BsonMinKey(), new BsonMinKey()));
    ShardKey max = new ShardKey(List.of(new BsonMaxKey(), new BsonMaxKey()));
    assertThat(
            LongKeyRanges.of(
                new ShardedCollection(NS, two, false, List.of(new Chunk(min, max, "s0")))))
        .isNull();
    assertThat(
            LongKeyRanges.of(
                collection(one, new BsonMinKey(), new BsonString("m"), new BsonMaxKey())))
        .isNotNull();
  }

  private static ShardedCollection collection(ShardKeyPattern p, BsonValue... bounds) {
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.length; i++) {
      chunks.add(
          new Chunk(
              new ShardKey(List.of(bounds[i])),
              new ShardKey(List.of(bounds[i + 1])),
              SHARDS.get(i % 3)));
    }
    return new ShardedCollection(NS, p, false, chunks);
  }

  /**
   * Chunks tiling MinKey..MaxKey (or, with {@code gaps}, some left out) over random integer cuts,
   * int32 and int64, sometimes a null bound first and a string one last (other types sort around
   * the numbers).
   */
  private static ShardedCollection collection(Random r, boolean hashed, boolean gaps) {
    List<Long> cuts = new ArrayList<>();
    int n = 1 + r.nextInt(8);
    while (cuts.size() < n) {
      long v = integer(r);
      if (!cuts.contains(v)) {
        cuts.add(v);
      }
    }
    cuts.sort(null);
    List<BsonValue> bounds = new ArrayList<>();
    bounds.add(new BsonMinKey());
    if (!hashed && r.nextBoolean()) {
      bounds.add(BsonNull.VALUE);
    }
    for (long v : cuts) {
      bounds.add(v == (int) v && r.nextBoolean() ? new BsonInt32((int) v) : new BsonInt64(v));
    }
    if (!hashed && r.nextBoolean()) {
      bounds.add(new BsonString("m"));
    }
    bounds.add(new BsonMaxKey());
    List<Chunk> chunks = new ArrayList<>();
    for (int i = 0; i + 1 < bounds.size(); i++) {
      if (gaps && r.nextInt(4) == 0) {
        continue;
      }
      chunks.add(
          new Chunk(
              new ShardKey(List.of(bounds.get(i))),
              new ShardKey(List.of(bounds.get(i + 1))),
              SHARDS.get(r.nextInt(3))));
    }
    ShardKeyPattern p = new ShardKeyPattern(List.of(new ShardKeyPattern.KeyField("k", hashed)));
    return new ShardedCollection(NS, p, false, chunks);
  }

  /** Integers near the cuts, small ones, the extremes and around 2^53. */
  private static long integer(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> r.nextInt(21) - 10;
      case 1 -> r.nextInt();
      case 2 -> r.nextLong();
      case 3 -> (1L << 53) + r.nextInt(5) - 2;
      case 4 -> r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(3) : Long.MAX_VALUE - r.nextInt(3);
      default ->
          r.nextBoolean() ? Integer.MIN_VALUE + r.nextInt(3) : Integer.MAX_VALUE - r.nextInt(3);
    };
  }

  /**
   * A key value: an integer equal to, next to or away from a bound, or another kind; null: missing.
   */
  private static BsonValue key(Random r, ShardedCollection c) {
    long near = integer(r);
    Chunk ch = c.chunks().get(r.nextInt(c.chunks().size()));
    BsonValue b = ch.min().values().get(0);
    if (b.isInt32() || b.isInt64()) {
      near = b.asNumber().longValue() + r.nextInt(3) - 1;
    }
    return switch (r.nextInt(12)) {
      case 0, 1, 2 -> new BsonInt64(near);
      case 3, 4 -> near == (int) near ? new BsonInt32((int) near) : new BsonInt64(near);
      case 5 -> new BsonDouble(near + (r.nextBoolean() ? 0.5 : -0.5));
      case 6 -> new BsonDouble((double) near);
      case 7 ->
          new BsonDouble(
              List.of(Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, -0.0)
                  .get(r.nextInt(4)));
      case 8 -> new BsonDecimal128(new Decimal128(near));
      case 9 -> new BsonString("s" + near);
      case 10 -> r.nextBoolean() ? BsonNull.VALUE : BsonBoolean.valueOf(r.nextBoolean());
      default -> null;
    };
  }

  private static RoutingTable table(ShardedCollection c) {
    Map<String, Shard> shards = new java.util.LinkedHashMap<>();
    for (String s : SHARDS) {
      shards.put(s, new Shard(s, "rs-" + s, List.of("h:1")));
    }
    return new RoutingTable(shards, Map.of("db", "s0"), Map.of(NS, c));
  }

  private static byte[] bytes(BsonDocument doc) {
    RawBsonDocument raw = new RawBsonDocument(doc, new BsonDocumentCodec());
    byte[] out = new byte[raw.getByteBuffer().remaining()];
    raw.getByteBuffer().get(out);
    return out;
  }

  /** The decision, or the failure when no chunk holds the key (both paths must fail alike). */
  private static String outcome(java.util.function.Supplier<String> f) {
    try {
      return f.get();
    } catch (IllegalStateException e) {
      return "fails: " + e.getMessage();
    }
  }
}
