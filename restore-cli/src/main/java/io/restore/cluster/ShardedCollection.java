package io.restore.cluster;

import io.restore.dump.Namespace;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * A collection with chunks (sharded, or from 8.0 a tracked unsharded one): its key pattern and its
 * chunks sorted by min. {@link ChunkCoverage} says whether they tile the key space.
 */
public record ShardedCollection(
    Namespace ns, ShardKeyPattern key, boolean unique, List<Chunk> chunks) {
  public ShardedCollection {
    List<Chunk> sorted = new ArrayList<>(chunks);
    sorted.sort(Comparator.comparing(Chunk::min).thenComparing(Chunk::max));
    chunks = List.copyOf(sorted);
  }

  /** The chunk whose [min, max) holds the key; binary search, so chunks must not overlap. */
  Optional<Chunk> chunkFor(ShardKey k) {
    int lo = 0;
    int hi = chunks.size() - 1;
    int found = -1;
    while (lo <= hi) { // the last chunk with min <= k
      int mid = (lo + hi) >>> 1;
      if (chunks.get(mid).min().compareTo(k) <= 0) {
        found = mid;
        lo = mid + 1;
      } else {
        hi = mid - 1;
      }
    }
    return found >= 0 && chunks.get(found).contains(k)
        ? Optional.of(chunks.get(found))
        : Optional.empty();
  }
}
