package io.restore.cluster.dump;

import com.mongodb.client.MongoClient;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.cluster.Ownership;
import io.restore.cluster.OwnershipFilter;
import io.restore.cluster.RoutingTable;
import io.restore.dump.Catalog;
import io.restore.dump.CollectionPlan;
import io.restore.dump.DumpRequest;
import io.restore.dump.Namespace;
import io.restore.dump.PartedPlan;
import io.restore.dump.ReadPart;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Plans a sharded cluster's dump as {@code mongodump} through {@code mongos} would see the cluster
 * (docs/design/sharding.md, "Dumping a cluster"): {@code admin} and {@code config} from the config
 * server; every database the config server routes from the shards, each namespace's metadata and
 * indexes once (from the database's primary shard when it has the collection), its documents from
 * every shard holding some, each shard's filtered to the ones it owns.
 */
final class ClusterPlanner {
  static final String CONFIG = "config";

  /** The config server's own databases; mongos routes them to it. */
  private static final Set<String> CONFIG_SERVER_DATABASES = Set.of("admin", "config");

  private ClusterPlanner() {}

  static List<PartedPlan> plan(
      RoutingTable table,
      MongoClient config,
      Map<String, MongoClient> shards,
      DumpRequest request) {
    List<PartedPlan> out = new ArrayList<>();
    for (CollectionPlan p :
        new Catalog(config).planDatabases(request.filter(), CONFIG_SERVER_DATABASES::contains)) {
      out.add(
          new PartedPlan(
              p,
              CONFIG,
              List.of(new ReadPart(CONFIG, config, new ReadPart.PartOwnership.AllOwned()))));
    }
    // namespace → shard id → what that shard's catalog says, shards in config.shards order
    Map<Namespace, Map<String, CollectionPlan>> found =
        new TreeMap<>(Comparator.comparing(Namespace::toString));
    // every shard's catalog at once: listing sizes and indexes is a round trip per collection
    Map<String, CompletableFuture<List<CollectionPlan>>> catalogs = new LinkedHashMap<>();
    for (Map.Entry<String, MongoClient> s : shards.entrySet()) {
      catalogs.put(
          s.getKey(),
          CompletableFuture.supplyAsync(
              () ->
                  new Catalog(s.getValue())
                      .planDatabases(
                          request.filter(),
                          db ->
                              table.primaryShards().containsKey(db)
                                  && !CONFIG_SERVER_DATABASES.contains(db))));
    }
    for (Map.Entry<String, CompletableFuture<List<CollectionPlan>>> s : catalogs.entrySet()) {
      for (CollectionPlan p : join(s.getValue())) {
        found.computeIfAbsent(p.ns(), k -> new LinkedHashMap<>()).put(s.getKey(), p);
      }
    }
    Map<String, OwnershipFilter> filters = new LinkedHashMap<>();
    shards.keySet().forEach(id -> filters.put(id, new OwnershipFilter(table, id)));
    for (Map.Entry<Namespace, Map<String, CollectionPlan>> e : found.entrySet()) {
      Map<String, CollectionPlan> holders = e.getValue();
      String primary = table.primaryShards().get(e.getKey().db());
      String from = holders.containsKey(primary) ? primary : holders.keySet().iterator().next();
      CollectionPlan meta = holders.get(from);
      Namespace data = new Namespace(meta.ns().db(), meta.dataCollection());
      RoutingTable.Route route = table.route(data);
      List<ReadPart> parts = new ArrayList<>();
      long estimated = 0;
      long average = meta.averageDocumentBytes();
      for (Map.Entry<String, CollectionPlan> h : holders.entrySet()) {
        String shard = h.getKey();
        estimated += h.getValue().estimatedCount();
        average = Math.max(average, h.getValue().averageDocumentBytes());
        parts.add(new ReadPart(shard, shards.get(shard), ownership(route, shard, data, filters)));
      }
      CollectionPlan merged =
          new CollectionPlan(
              meta.ns(),
              meta.type(),
              meta.options(),
              meta.uuid(),
              meta.indexes(),
              meta.hasData() ? estimated : 0,
              average);
      out.add(new PartedPlan(merged, from, meta.hasData() ? parts : List.of()));
    }
    checkNamedOnesExist(request, out);
    out.sort(Comparator.comparingLong((PartedPlan p) -> p.plan().estimatedCount()).reversed());
    return out;
  }

  private static <T> T join(CompletableFuture<T> f) {
    try {
      return f.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw e;
    }
  }

  private static ReadPart.PartOwnership ownership(
      RoutingTable.Route route,
      String shard,
      Namespace data,
      Map<String, OwnershipFilter> filters) {
    if (route instanceof RoutingTable.Route.ByChunks) {
      // the shard-key fields are read from the raw bytes, nothing else of the document is decoded
      OwnershipFilter.RawDecider d = filters.get(shard).forNamespace(data);
      return new ReadPart.PartOwnership.PerDocument(
          (bytes, offset, length) -> d.decide(bytes, offset, length) == Ownership.OWNED);
    }
    if (route instanceof RoutingTable.Route.OnPrimary p) {
      return p.shard().equals(shard)
          ? new ReadPart.PartOwnership.AllOwned()
          : new ReadPart.PartOwnership.AllOrphans();
    }
    return new ReadPart.PartOwnership.AllOwned(); // not routed: never planned from a shard
  }

  private static void checkNamedOnesExist(DumpRequest request, List<PartedPlan> plans) {
    String db = request.filter().db();
    if (db != null && plans.stream().noneMatch(p -> p.plan().ns().db().equals(db))) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--db '" + db + "': no such database in the cluster",
          "check the spelling; names are case-sensitive");
    }
    String coll = request.filter().collection();
    if (coll != null && plans.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--collection '" + coll + "': no such collection in " + db,
          "check the spelling; names are case-sensitive");
    }
  }
}
