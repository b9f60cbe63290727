package io.restore.cluster;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonValue;

/**
 * Checks that a collection's chunks tile the key space: the first starts at all-MinKey, the last
 * ends at all-MaxKey, and each chunk's max is the next one's min. Ownership of a document is only
 * well defined when this holds.
 */
final class ChunkCoverage {
  private ChunkCoverage() {}

  static List<CoverageProblem> problems(ShardedCollection c) {
    ShardKeyPattern p = c.key();
    List<Chunk> chunks = c.chunks(); // sorted by min, then max
    if (chunks.isEmpty()) {
      return List.of(new CoverageProblem.NoChunks(c.ns()));
    }
    List<CoverageProblem> out = new ArrayList<>();
    for (Chunk k : chunks) {
      if (k.min().compareTo(k.max()) >= 0) {
        out.add(new CoverageProblem.EmptyRange(c.ns(), k.min().render(p), k.max().render(p)));
      }
    }
    ShardKey lowest = all(p, new BsonMinKey());
    ShardKey highest = all(p, new BsonMaxKey());
    if (chunks.get(0).min().compareTo(lowest) != 0) {
      out.add(new CoverageProblem.StartsAfterMinKey(c.ns(), chunks.get(0).min().render(p)));
    }
    ShardKey reach = chunks.get(0).max(); // how far the chunks so far cover
    for (Chunk next : chunks.subList(1, chunks.size())) {
      int c0 = reach.compareTo(next.min());
      if (c0 < 0) {
        out.add(new CoverageProblem.Gap(c.ns(), reach.render(p), next.min().render(p)));
      } else if (c0 > 0) {
        ShardKey end = reach.compareTo(next.max()) < 0 ? reach : next.max();
        out.add(new CoverageProblem.Overlap(c.ns(), next.min().render(p), end.render(p)));
      }
      if (next.max().compareTo(reach) > 0) {
        reach = next.max();
      }
    }
    if (reach.compareTo(highest) != 0) {
      out.add(new CoverageProblem.EndsBeforeMaxKey(c.ns(), reach.render(p)));
    }
    return out;
  }

  private static ShardKey all(ShardKeyPattern p, BsonValue v) {
    return new ShardKey(Collections.nCopies(p.fields().size(), v));
  }
}
