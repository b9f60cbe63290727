package io.restore.dump;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.ObjectId;

/**
 * The data of scripts/bench-dump. Database "bench": 8 collections of different document sizes, half
 * of each document random bytes (deflate's worst case). Database "real": what an application stores
 * — ids, names, addresses, amounts, dates, tags, a nested order list — for a realistic compression
 * ratio.
 */
final class BenchData {
  private static final String[] FIRST = {
    "Anna", "Ben", "Chloé", "David", "Emma", "Farid", "Grace", "Hugo", "Ines", "Jonas", "Kai",
        "Lena",
    "Mateo", "Noor", "Olga", "Pavel", "Quinn", "Rosa", "Sven", "Tariq", "Uma", "Viktor", "Wen",
        "Yara"
  };
  private static final String[] LAST = {
    "Müller",
    "Smith",
    "García",
    "Rossi",
    "Nowak",
    "Kim",
    "Dubois",
    "Johansson",
    "Silva",
    "Okafor",
    "Tanaka",
    "Novák",
    "Jensen",
    "Brown",
    "Martin",
    "Schneider",
    "Kowalski",
    "Ivanova",
    "Chen"
  };
  private static final String[] CITY = {
    "Berlin", "Lisbon", "Kraków", "Lyon", "Osaka", "Toronto", "Austin", "Nairobi", "Oslo", "Porto"
  };
  private static final String[] STREET = {
    "Main Street", "Hauptstraße", "Rue de la Paix", "Via Roma", "Elm Avenue", "Station Road"
  };
  private static final String[] TAG = {
    "new", "vip", "newsletter", "churn-risk", "b2b", "mobile", "beta", "eu", "us", "trial"
  };
  private static final String[] SKU = {"A-100", "A-200", "B-310", "C-042", "D-777", "E-512"};

  private BenchData() {}

  static void load(MongoClient c, int benchMegabytes, int realMegabytes) {
    Random rnd = new Random(1);
    long perColl = (long) benchMegabytes * 1024 * 1024 / 8;
    for (int k = 0; k < 8; k++) {
      int docSize = 300 + k * 250; // collections of different shapes and sizes
      long n = perColl * (k + 4) / 8 / docSize;
      var coll = c.getDatabase("bench").getCollection("c" + k, BsonDocument.class);
      List<BsonDocument> batch = new ArrayList<>();
      for (long i = 0; i < n; i++) {
        byte[] b = new byte[docSize / 2];
        rnd.nextBytes(b);
        batch.add(
            new BsonDocument("_id", new BsonInt32((int) i))
                .append("s", new BsonString("text-" + i + "-" + "abcdefgh".repeat(docSize / 32)))
                .append("b", new BsonBinary(b)));
        flushIfFull(coll, batch);
      }
      flush(coll, batch);
    }
    long realBytes = (long) realMegabytes * 1024 * 1024;
    for (int k = 0; k < 2; k++) {
      var coll =
          c.getDatabase("real").getCollection(k == 0 ? "customers" : "events", BsonDocument.class);
      List<BsonDocument> batch = new ArrayList<>();
      long bytes = 0;
      for (long i = 0; bytes < realBytes / 2; i++) {
        BsonDocument d = k == 0 ? customer(rnd, i) : event(rnd, i);
        bytes += 40 + d.toJson().length() / 2; // rough BSON size; exactness does not matter
        batch.add(d);
        flushIfFull(coll, batch);
      }
      flush(coll, batch);
    }
  }

  /**
   * The documents {@link #load} puts in db "real", written as {@code customers.bson} and {@code
   * events.bson} into {@code dir}: the realistic-data input of the gzip microbenchmarks, without a
   * server.
   */
  static void writeRealFiles(Path dir, int realMegabytes) throws IOException {
    Files.createDirectories(dir);
    Random rnd = new Random(1);
    long realBytes = (long) realMegabytes * 1024 * 1024;
    BsonDocumentCodec codec = new BsonDocumentCodec();
    for (int k = 0; k < 2; k++) {
      Path file = dir.resolve(k == 0 ? "customers.bson" : "events.bson");
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        long bytes = 0;
        for (long i = 0; bytes < realBytes / 2; i++) {
          ByteBuffer b =
              new RawBsonDocument(k == 0 ? customer(rnd, i) : event(rnd, i), codec)
                  .getByteBuffer()
                  .asNIO();
          bytes += b.remaining();
          out.write(b.array(), b.arrayOffset() + b.position(), b.remaining());
        }
      }
    }
  }

  static BsonDocument customer(Random rnd, long i) {
    String first = pick(rnd, FIRST);
    String last = pick(rnd, LAST);
    BsonArray orders = new BsonArray();
    for (int o = rnd.nextInt(4); o > 0; o--) {
      orders.add(
          new BsonDocument("sku", new BsonString(pick(rnd, SKU)))
              .append("qty", new BsonInt32(1 + rnd.nextInt(5)))
              .append("price", new BsonDouble(Math.round(rnd.nextDouble() * 20000) / 100.0))
              .append("at", new BsonDateTime(1_700_000_000_000L + rnd.nextInt(1 << 30) * 30L)));
    }
    BsonArray tags = new BsonArray();
    for (int t = rnd.nextInt(3); t > 0; t--) {
      tags.add(new BsonString(pick(rnd, TAG)));
    }
    return new BsonDocument("_id", new BsonObjectId(new ObjectId()))
        .append("customerNo", new BsonInt64(1_000_000 + i))
        .append("name", new BsonString(first + " " + last))
        .append(
            "email",
            new BsonString(
                first.toLowerCase() + "." + last.toLowerCase() + rnd.nextInt(100) + "@example.com"))
        .append(
            "address",
            new BsonDocument("street", new BsonString(rnd.nextInt(200) + " " + pick(rnd, STREET)))
                .append("city", new BsonString(pick(rnd, CITY)))
                .append("zip", new BsonString(String.format("%05d", rnd.nextInt(100000)))))
        .append("active", BsonBoolean.valueOf(rnd.nextInt(10) > 1))
        .append("balance", new BsonDouble(Math.round(rnd.nextGaussian() * 50000) / 100.0))
        .append("created", new BsonDateTime(1_600_000_000_000L + rnd.nextInt(1 << 30) * 100L))
        .append("tags", tags)
        .append("orders", orders);
  }

  static BsonDocument event(Random rnd, long i) {
    return new BsonDocument("_id", new BsonObjectId(new ObjectId()))
        .append("ts", new BsonDateTime(1_730_000_000_000L + i * 1000 + rnd.nextInt(1000)))
        .append("type", new BsonString(pick(rnd, new String[] {"view", "click", "buy", "login"})))
        .append("customerNo", new BsonInt64(1_000_000 + rnd.nextInt(200_000)))
        .append("path", new BsonString("/shop/" + pick(rnd, SKU).toLowerCase() + "/details"))
        .append("ms", new BsonInt32(rnd.nextInt(900)))
        .append(
            "ua", new BsonString("Mozilla/5.0 (X11; Linux x86_64) Firefox/1" + rnd.nextInt(40)));
  }

  private static String pick(Random rnd, String[] from) {
    return from[rnd.nextInt(from.length)];
  }

  private static void flushIfFull(MongoCollection<BsonDocument> coll, List<BsonDocument> batch) {
    if (batch.size() == 2000) {
      flush(coll, batch);
    }
  }

  private static void flush(MongoCollection<BsonDocument> coll, List<BsonDocument> batch) {
    if (!batch.isEmpty()) {
      coll.insertMany(batch);
      batch.clear();
    }
  }
}
