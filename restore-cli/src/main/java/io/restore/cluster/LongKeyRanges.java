package io.restore.cluster;

import java.util.List;
import org.bson.BsonType;
import org.bson.BsonValue;

/**
 * The chunks of a collection with a one-field shard key, pre-decoded so that a key that is a 64-bit
 * integer (an int32 or int64 field, or any hashed field's hash64) finds its chunk without a {@link
 * BsonValue} or {@link BsonOrder}: the dump's common case, one per document (docs/benchmarks.md,
 * "Sharded row"). Answers exactly as {@link ShardedCollection#chunkFor} does (BsonOrder compares by
 * type rank first, so a bound of another type is simply below or above every number; int32 and
 * int64 compare by exact value); {@code LongKeyRangesTest} checks the two agree. Only built when
 * every bound is an int32, an int64 or of a type other than a number: a double or decimal bound
 * leaves the collection to the general path.
 */
final class LongKeyRanges {
  /** Per chunk, its min and max: the value when the bound is an integer, else ignored. */
  private final long[] minValue;

  private final long[] maxValue;

  /** Per chunk, -1 when the bound sorts below every number, +1 above, 0 an integer bound. */
  private final byte[] minSide;

  private final byte[] maxSide;

  private LongKeyRanges(int n) {
    minValue = new long[n];
    maxValue = new long[n];
    minSide = new byte[n];
    maxSide = new byte[n];
  }

  /** The collection's chunks in that form (same order), or null when some bound does not fit. */
  static LongKeyRanges of(ShardedCollection c) {
    if (c.key().fields().size() != 1) {
      return null;
    }
    List<Chunk> chunks = c.chunks();
    LongKeyRanges r = new LongKeyRanges(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      Chunk ch = chunks.get(i);
      if (ch.min().values().size() != 1 || ch.max().values().size() != 1) {
        return null;
      }
      if (!r.set(i, ch.min().values().get(0), r.minValue, r.minSide)
          || !r.set(i, ch.max().values().get(0), r.maxValue, r.maxSide)) {
        return null;
      }
    }
    return r;
  }

  private boolean set(int i, BsonValue bound, long[] values, byte[] sides) {
    BsonType t = bound.getBsonType();
    if (t == BsonType.INT32 || t == BsonType.INT64) {
      values[i] = t == BsonType.INT32 ? bound.asInt32().getValue() : bound.asInt64().getValue();
      sides[i] = 0;
      return true;
    }
    int rank = BsonTypeRank.forOrder(t);
    int numbers = BsonTypeRank.forOrder(BsonType.INT64);
    if (rank == numbers) {
      return false; // a double or decimal bound: compared by the general path
    }
    sides[i] = (byte) (rank < numbers ? -1 : 1);
    return true;
  }

  /**
   * The index (in {@link ShardedCollection#chunks} order) of the chunk with {@code min <= key <
   * max}, or -1 when none holds it.
   */
  int chunkFor(long key) {
    int lo = 0;
    int hi = minValue.length - 1;
    int found = -1;
    while (lo <= hi) { // the last chunk with min <= key, as ShardedCollection.chunkFor
      int mid = (lo + hi) >>> 1;
      if (compare(minSide[mid], minValue[mid], key) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && compare(maxSide[found], maxValue[found], key) > 0 ? found : -1;
  }

  /** A bound against a number: its side when not an integer, else by value. */
  private static int compare(byte side, long value, long key) {
    return side != 0 ? side : Long.compare(value, key);
  }
}
