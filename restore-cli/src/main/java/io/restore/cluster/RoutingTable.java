package io.restore.cluster;

import io.restore.dump.Namespace;
import java.util.Map;

/**
 * Where every namespace's documents live, as the config server records it: the shards, each
 * database's primary shard, and the collections with chunks.
 */
public record RoutingTable(
    Map<String, Shard> shards,
    Map<String, String> primaryShards,
    Map<Namespace, ShardedCollection> collections) {
  public RoutingTable {
    shards = Map.copyOf(shards);
    primaryShards = Map.copyOf(primaryShards);
    collections = Map.copyOf(collections);
  }

  /** How a namespace is routed. */
  public sealed interface Route {
    /** Chunks decide, by the document's shard-key value. */
    record ByChunks(ShardedCollection collection) implements Route {}

    /** Unsharded: the database's primary shard holds it all. */
    record OnPrimary(String shard) implements Route {}

    /** A database the config server does not list (admin, config, local, or a leftover). */
    record NotRouted() implements Route {}
  }

  public Route route(Namespace ns) {
    ShardedCollection c = collections.get(ns);
    if (c != null) {
      return new Route.ByChunks(c);
    }
    String primary = primaryShards.get(ns.db());
    return primary != null ? new Route.OnPrimary(primary) : new Route.NotRouted();
  }
}
