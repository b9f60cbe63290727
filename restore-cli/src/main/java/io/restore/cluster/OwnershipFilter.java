package io.restore.cluster;

import io.restore.dump.Namespace;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.bson.BsonDocument;

/**
 * Decides, for one shard, whether each document it holds is its own or an orphan, and counts the
 * orphans per namespace. Safe to share between the shard's parallel collection readers.
 */
public final class OwnershipFilter {
  private final RoutingTable table;
  private final String shard;
  private final Map<Namespace, LongAdder> orphans = new ConcurrentHashMap<>();

  public OwnershipFilter(RoutingTable table, String shard) {
    if (!table.shards().containsKey(shard)) {
      throw new IllegalArgumentException(
          "shard " + shard + " is not in the routing table: " + table.shards().keySet());
    }
    this.table = table;
    this.shard = shard;
  }

  /**
   * Owned when the chunk holding the document's shard-key value (min <= key < max) is this shard's;
   * for an unsharded collection, when this shard is the database's primary.
   */
  public Ownership decide(Namespace ns, BsonDocument doc) {
    RoutingTable.Route route = table.route(ns);
    Ownership o;
    if (route instanceof RoutingTable.Route.ByChunks c) {
      o = byChunks(c.collection(), doc);
    } else if (route instanceof RoutingTable.Route.OnPrimary p) {
      o = p.shard().equals(shard) ? Ownership.OWNED : Ownership.ORPHAN;
    } else {
      o = Ownership.NOT_ROUTED;
    }
    if (o == Ownership.ORPHAN) {
      countOrphan(ns);
    }
    return o;
  }

  /**
   * {@link #decide} for the raw BSON documents of one namespace, as a dump reads them: the route is
   * resolved once, and each document's shard-key fields are read from its bytes without decoding
   * the rest ({@link RawKeyReader}).
   */
  public RawDecider forNamespace(Namespace ns) {
    RoutingTable.Route route = table.route(ns);
    if (route instanceof RoutingTable.Route.ByChunks c) {
      ShardedCollection collection = c.collection();
      RawKeyReader keys = new RawKeyReader(collection.key());
      LongKeyRanges ranges = LongKeyRanges.of(collection);
      if (ranges != null) {
        return integerKeys(ns, collection, keys, ranges);
      }
      return (b, offset, length) -> {
        Ownership o = owner(collection, keys.extract(b, offset, length));
        if (o == Ownership.ORPHAN) {
          countOrphan(ns);
        }
        return o;
      };
    }
    if (route instanceof RoutingTable.Route.OnPrimary p) {
      if (p.shard().equals(shard)) {
        return (b, offset, length) -> Ownership.OWNED;
      }
      return (b, offset, length) -> {
        countOrphan(ns);
        return Ownership.ORPHAN;
      };
    }
    return (b, offset, length) -> Ownership.NOT_ROUTED;
  }

  /**
   * A one-field key whose chunk bounds are integers (or MinKey, MaxKey, other types): a key value
   * that is an int32 or int64, or any hashed one, finds its chunk by {@link LongKeyRanges} without
   * decoding; any other value (a double, a string, a missing field) takes the general path.
   */
  private RawDecider integerKeys(
      Namespace ns, ShardedCollection collection, RawKeyReader keys, LongKeyRanges ranges) {
    boolean hashed = collection.key().fields().get(0).hashed();
    boolean[] mine = new boolean[collection.chunks().size()];
    for (int i = 0; i < mine.length; i++) {
      mine[i] = collection.chunks().get(i).shard().equals(shard);
    }
    return (b, offset, length) -> {
      int el = keys.firstFieldElement(b, offset, length);
      int chunk = -1;
      if (hashed) {
        chunk = ranges.chunkFor(el < 0 ? RawKeyReader.HASH_OF_MISSING : Hash64.ofElement(b, el));
      } else if (el >= 0 && (b[el] == BsonBytes.INT32 || b[el] == BsonBytes.INT64)) {
        chunk = ranges.chunkFor(RawKeyReader.integerValue(b, el));
      }
      Ownership o;
      if (chunk >= 0) {
        o = mine[chunk] ? Ownership.OWNED : Ownership.ORPHAN;
      } else { // not an integer key, or no chunk holds it (the general path names it)
        o = owner(collection, keys.extract(b, offset, length));
      }
      if (o == Ownership.ORPHAN) {
        countOrphan(ns);
      }
      return o;
    };
  }

  /** One namespace's ownership test on raw documents ({@link #forNamespace}). */
  @FunctionalInterface
  public interface RawDecider {
    /** The document at {@code b[offset, offset + length)}; orphans are counted. */
    Ownership decide(byte[] b, int offset, int length);
  }

  private void countOrphan(Namespace ns) {
    orphans.computeIfAbsent(ns, k -> new LongAdder()).increment();
  }

  private Ownership byChunks(ShardedCollection c, BsonDocument doc) {
    return owner(c, c.key().extract(doc));
  }

  private Ownership owner(ShardedCollection c, ShardKey key) {
    // ConfigServerReader checked that the chunks tile the key space, so a chunk always matches.
    Chunk chunk =
        c.chunkFor(key)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "no chunk of " + c.ns() + " holds " + key.render(c.key())));
    return chunk.shard().equals(shard) ? Ownership.OWNED : Ownership.ORPHAN;
  }

  /** Orphans seen so far, by namespace (sorted). */
  public Map<Namespace, Long> orphanCounts() {
    Map<Namespace, Long> out = new TreeMap<>(java.util.Comparator.comparing(Namespace::toString));
    orphans.forEach((ns, n) -> out.put(ns, n.sum()));
    return out;
  }
}
