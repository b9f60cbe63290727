package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Sorts;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.math.BigDecimal;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.BsonBinary;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * An in-process mongo-java-server holding varied sample data: several databases, secondary indexes,
 * an empty collection, names that need escaping, a name past the long-name rule, and binary,
 * decimal, date, int64 and UUID values.
 */
final class DumpFixture implements AutoCloseable {
  static final String WEIRD = "we ird/na?me,é";
  static final String LONG = "long-" + "é".repeat(50) + " name"; // escapes to 311 bytes

  final MongoServer server = new MongoServer(new MemoryBackend());
  final String uri;
  final MongoClient client;

  DumpFixture() {
    InetSocketAddress a = server.bind();
    uri =
        "mongodb://127.0.0.1:"
            + a.getPort()
            + "/?serverSelectionTimeoutMS=2000&connectTimeoutMS=2000&socketTimeoutMS=20000";
    client = MongoClients.create(uri);
  }

  DumpFixture withSampleData() {
    MongoDatabase shop = client.getDatabase("shop");
    List<BsonDocument> orders = new ArrayList<>();
    for (int i = 0; i < 3000; i++) {
      orders.add(
          new BsonDocument("_id", new BsonObjectId(new ObjectId()))
              .append("n", new BsonInt32(i))
              .append("big", new BsonInt64(1L << 40 | i))
              .append("sku", new BsonString("sku-" + i))
              .append("price", new BsonDecimal128(new Decimal128(new BigDecimal("12.3" + i))))
              .append("at", new BsonDateTime(1_700_000_000_000L + i * 1000L))
              .append("blob", new BsonBinary(new byte[] {1, 2, 3, (byte) i, (byte) (i >> 8)}))
              .append("uuid", new BsonBinary(UUID.nameUUIDFromBytes(new byte[] {(byte) i})))
              .append("pad", new BsonString("x".repeat(200)))
              .append("nested", new BsonDocument("a", new BsonInt32(i % 7))));
    }
    shop.getCollection("orders", BsonDocument.class).insertMany(orders);
    shop.getCollection("orders")
        .createIndex(new BsonDocument("sku", new BsonInt32(1)), new IndexOptions().unique(true));
    shop.getCollection("orders").createIndex(new BsonDocument("at", new BsonInt32(-1)));
    shop.createCollection("empty");
    insert(shop, WEIRD, 17);
    insert(client.getDatabase("analytics"), "events", 1200);
    insert(client.getDatabase("lng"), LONG, 5);
    insert(client.getDatabase("local"), "startup_log", 2); // only on request
    return this;
  }

  static void insert(MongoDatabase db, String coll, int n) {
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      docs.add(new BsonDocument("_id", new BsonInt32(i)).append("v", new BsonString("v" + i)));
    }
    if (n > 0) {
      db.getCollection(coll, BsonDocument.class).insertMany(docs);
    }
  }

  /** Every document of a collection as hex of its raw bytes, sorted. */
  List<String> rawHex(String db, String coll) {
    List<String> out = new ArrayList<>();
    for (RawBsonDocument d :
        client
            .getDatabase(db)
            .getCollection(coll, RawBsonDocument.class)
            .find()
            .sort(Sorts.ascending("_id"))) {
      org.bson.ByteBuf b = d.getByteBuffer();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.add(HexFormat.of().formatHex(bytes));
    }
    out.sort(null);
    return out;
  }

  /** Namespaces a default dump must hold, with their document counts. */
  Map<Namespace, Long> expectedDefaultNamespaces() {
    Map<Namespace, Long> m = new LinkedHashMap<>();
    m.put(new Namespace("shop", "orders"), 3000L);
    m.put(new Namespace("shop", "empty"), 0L);
    m.put(new Namespace("shop", WEIRD), 17L);
    m.put(new Namespace("analytics", "events"), 1200L);
    m.put(new Namespace("lng", LONG), 5L);
    return m;
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
  }
}
