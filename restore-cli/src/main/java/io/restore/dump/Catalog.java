package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/** Lists what a server holds and turns it into {@link CollectionPlan}s, largest first. */
public final class Catalog {
  private final MongoClient client;

  public Catalog(MongoClient client) {
    this.client = client;
  }

  /** The server's version string ("7.0.16"), from buildInfo. */
  public String serverVersion() {
    BsonDocument info =
        client
            .getDatabase("admin")
            .runCommand(
                new BsonDocument("buildInfo", new org.bson.BsonInt32(1)), BsonDocument.class);
    return info.getString("version", new org.bson.BsonString("0.0.0")).getValue();
  }

  public List<CollectionPlan> plan(NamespaceFilter filter) {
    List<String> dbs = new ArrayList<>();
    client.listDatabaseNames().into(dbs);
    if (filter.db() != null && !dbs.contains(filter.db())) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--db '" + filter.db() + "': no such database on the server (it has " + dbs + ")",
          "check the spelling; names are case-sensitive");
    }
    List<CollectionPlan> plans = new ArrayList<>();
    for (String db : dbs) {
      if (filter.selectsDatabase(db)) {
        plans.addAll(planDatabase(client.getDatabase(db), filter));
      }
    }
    if (filter.collection() != null && plans.isEmpty()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--collection '" + filter.collection() + "': no such collection in " + filter.db(),
          "check the spelling; names are case-sensitive");
    }
    // mongodump's scheduler: longest first by estimated count, so the tail is short
    plans.sort(Comparator.comparingLong(CollectionPlan::estimatedCount).reversed());
    return plans;
  }

  /**
   * The plans of the databases this server holds that {@code filter} and {@code databases} both
   * select; unlike {@link #plan}, a database or collection the filter names but this server lacks
   * is no error (one server of several need not hold it). Not sorted.
   */
  public List<CollectionPlan> planDatabases(
      NamespaceFilter filter, java.util.function.Predicate<String> databases) {
    List<String> dbs = new ArrayList<>();
    client.listDatabaseNames().into(dbs);
    List<CollectionPlan> plans = new ArrayList<>();
    for (String db : dbs) {
      if (databases.test(db) && filter.selectsDatabase(db)) {
        plans.addAll(planDatabase(client.getDatabase(db), filter));
      }
    }
    return plans;
  }

  private List<CollectionPlan> planDatabase(MongoDatabase db, NamespaceFilter filter) {
    List<CollectionPlan> plans = new ArrayList<>();
    for (BsonDocument info : db.listCollections(BsonDocument.class)) {
      String name = info.getString("name").getValue();
      if (!filter.selectsCollection(db.getName(), name)) {
        continue;
      }
      CollectionType type =
          CollectionType.fromListCollections(
              info.containsKey("type") ? info.getString("type").getValue() : null);
      BsonDocument options = info.getDocument("options", new BsonDocument());
      List<BsonDocument> indexes = new ArrayList<>();
      long estimated = 0;
      long average = 0;
      if (type != CollectionType.VIEW) {
        db.getCollection(name, BsonDocument.class).listIndexes(BsonDocument.class).into(indexes);
        estimated =
            type == CollectionType.TIMESERIES
                ? 0
                : db.getCollection(name, BsonDocument.class).estimatedDocumentCount();
        average =
            averageSize(db, type == CollectionType.TIMESERIES ? "system.buckets." + name : name);
      }
      plans.add(
          new CollectionPlan(
              new Namespace(db.getName(), name),
              type,
              options,
              uuidOf(info),
              indexes,
              estimated,
              average));
    }
    return plans;
  }

  /** collStats avgObjSize; 0 when the server does not say (then batches stay small). */
  private static long averageSize(MongoDatabase db, String collection) {
    try {
      BsonDocument stats =
          db.runCommand(
              new BsonDocument("collStats", new org.bson.BsonString(collection)),
              BsonDocument.class);
      BsonValue avg = stats.get("avgObjSize");
      if (avg != null && avg.isNumber()) {
        return (long) avg.asNumber().doubleValue();
      }
      BsonValue size = stats.get("size");
      BsonValue count = stats.get("count");
      if (size != null
          && count != null
          && size.isNumber()
          && count.isNumber()
          && count.asNumber().longValue() > 0) {
        return size.asNumber().longValue() / count.asNumber().longValue();
      }
    } catch (com.mongodb.MongoException e) {
      // not every server has collStats (8.0 deprecates it for $collStats): batches stay small
    }
    return 0;
  }

  /** info.uuid as 32 lower-case hex characters (mongodump: hex.EncodeToString of the UUID). */
  static String uuidOf(BsonDocument collectionInfo) {
    BsonValue info = collectionInfo.get("info");
    if (info == null || !info.isDocument()) {
      return null;
    }
    BsonValue uuid = info.asDocument().get("uuid");
    if (uuid == null || !uuid.isBinary()) {
      return null;
    }
    BsonBinary bin = uuid.asBinary();
    return HexFormat.of().formatHex(bin.getData());
  }
}
