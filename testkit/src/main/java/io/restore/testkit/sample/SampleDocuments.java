package io.restore.testkit.sample;

import io.restore.testkit.mongod.StandInData;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinarySubType;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;

/**
 * Realistic sample documents (users, orders, events, contacts) made from a seed: the same seed
 * gives the same bytes. Covers dates, decimals, nested arrays, binary, UUIDs, int64, null,
 * timestamps, and collection names that need escaping in file names.
 */
final class SampleDocuments {
  /** A collection name with a slash, spaces and quotes (mongodump escapes such names). */
  static final String ODD_NAME = "daily stats/2024 \"Q1\" (beta)";

  /**
   * 118 characters: "analytics." plus this is 128 bytes, mongo-java-server's namespace limit
   * (MongoDB's is 255).
   */
  static final String LONG_NAME = longName();

  private static final String[] FIRST = {
    "Ada", "Grace", "Linus", "Margaret", "Alan", "Barbara", "Dennis", "Frances", "Ken", "Radia",
    "Edsger", "Sophie", "Tim", "Hedy", "Guido", "Anita", "Bjarne", "Katherine", "Niklaus", "Jean"
  };
  private static final String[] LAST = {
    "Lovelace", "Hopper", "Torvalds", "Hamilton", "Turing", "Liskov", "Ritchie", "Allen",
    "Thompson", "Perlman", "Dijkstra", "Wilson", "Berners-Lee", "Lamarr", "van Rossum", "Borg",
    "Stroustrup", "Johnson", "Wirth", "Bartik"
  };
  private static final String[] CITY = {
    "Lisbon",
    "Zürich",
    "São Paulo",
    "Kraków",
    "Dublin",
    "Tokyo",
    "Montréal",
    "Oslo",
    "Austin",
    "Nairobi",
    "Reykjavík",
    "Seoul"
  };
  private static final String[] COUNTRY = {
    "PT", "CH", "BR", "PL", "IE", "JP", "CA", "NO", "US", "KE", "IS", "KR"
  };
  private static final String[] PRODUCT = {
    "Espresso beans 1kg", "Ceramic mug", "Pour-over kettle", "Burr grinder", "Paper filters x100",
    "Milk frother", "Travel tumbler", "Cold brew jar", "Scale 0.1g", "Descaler"
  };
  private static final String[] STATUS = {"pending", "paid", "shipped", "delivered", "refunded"};
  private static final String[] EVENT = {"page_view", "search", "add_to_cart", "checkout", "login"};
  private static final String[] PATH = {"/", "/shop", "/shop/beans", "/cart", "/account", "/help"};

  private static final long BASE = Instant.parse("2024-01-01T00:00:00Z").toEpochMilli();
  private static final long YEAR = 366L * 24 * 3600 * 1000;

  private final Random random;
  private final List<BsonObjectId> userIds = new ArrayList<>();

  SampleDocuments(long seed) {
    this.random = new Random(seed);
  }

  /** Counts per collection. */
  record Sizes(int users, int orders, int events, int dailyStats, int archive, int contacts) {}

  StandInData.Dataset dataset(String keyId, String replicaSet, Sizes sizes) {
    List<StandInData.StoredCollection> collections = new ArrayList<>();
    collections.add(
        new StandInData.StoredCollection(
            "shop",
            "users",
            List.of(
                index("email_1", "{\"email\": 1}", true),
                index(
                    "address.city_1_name.last_1",
                    "{\"address.city\": 1, \"name.last\": 1}",
                    false)),
            many(sizes.users(), this::user)));
    collections.add(
        new StandInData.StoredCollection(
            "shop",
            "orders",
            List.of(
                index("userId_1_createdAt_-1", "{\"userId\": 1, \"createdAt\": -1}", false),
                index("status_1", "{\"status\": 1}", false)),
            many(sizes.orders(), this::order)));
    collections.add(
        new StandInData.StoredCollection(
            "analytics",
            "events",
            List.of(index("type_1_ts_1", "{\"type\": 1, \"ts\": 1}", false)),
            many(sizes.events(), this::event)));
    collections.add(
        new StandInData.StoredCollection(
            "analytics", ODD_NAME, List.of(), many(sizes.dailyStats(), this::dailyStat)));
    collections.add(
        new StandInData.StoredCollection(
            "analytics", LONG_NAME, List.of(), many(sizes.archive(), this::event)));
    collections.add(
        new StandInData.StoredCollection(
            "crm",
            "contacts",
            List.of(index("company.name_1", "{\"company.name\": 1}", false)),
            many(sizes.contacts(), this::contact)));
    List<StandInData.View> views =
        List.of(
            new StandInData.View(
                "shop",
                "shipped_orders",
                "orders",
                BsonDocument.parse(
                        "{\"p\": [{\"$match\": {\"status\": \"shipped\"}},"
                            + " {\"$project\": {\"userId\": 1, \"total\": 1, \"createdAt\": 1}}]}")
                    .getArray("p")));
    return new StandInData.Dataset(keyId, replicaSet, collections, views);
  }

  private static StandInData.Index index(String name, String keyJson, boolean unique) {
    return new StandInData.Index(name, BsonDocument.parse(keyJson), unique);
  }

  private interface Maker {
    BsonDocument make(int i);
  }

  private static List<byte[]> many(int n, Maker maker) {
    List<byte[]> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      ByteBuffer b =
          new RawBsonDocument(maker.make(i), new BsonDocumentCodec()).getByteBuffer().asNIO();
      byte[] bytes = new byte[b.remaining()];
      b.get(bytes);
      out.add(bytes);
    }
    return out;
  }

  private BsonDocument user(int i) {
    BsonObjectId id = objectId();
    userIds.add(id);
    String first = pick(FIRST);
    String last = pick(LAST);
    int city = random.nextInt(CITY.length);
    BsonArray tags = new BsonArray();
    for (int t = random.nextInt(4); t > 0; t--) {
      tags.add(new BsonString(pick(new String[] {"vip", "newsletter", "beta", "wholesale"})));
    }
    BsonDocument doc =
        new BsonDocument("_id", id)
            .append("name", new BsonDocument("first", s(first)).append("last", s(last)))
            .append(
                "email",
                s((first + "." + last).toLowerCase().replace(' ', '-') + "+" + i + "@example.com"))
            .append("createdAt", date())
            .append(
                "address",
                new BsonDocument("street", s((1 + random.nextInt(300)) + " Main Street"))
                    .append("city", s(CITY[city]))
                    .append("country", s(COUNTRY[city]))
                    .append("zip", s(String.format("%05d", random.nextInt(100000)))))
            .append("tags", tags)
            .append("balance", money(0, 500))
            .append("marketingOptIn", BsonBoolean.valueOf(random.nextBoolean()))
            .append("loginCount", new BsonInt32(random.nextInt(1000)));
    if (random.nextInt(5) == 0) {
      doc.append("avatar", new BsonBinary(bytes(24 + random.nextInt(40))));
    }
    if (random.nextInt(7) == 0) {
      doc.append("deletedAt", BsonNull.VALUE);
    }
    return doc;
  }

  private BsonDocument order(int i) {
    BsonArray items = new BsonArray();
    BigDecimal total = BigDecimal.ZERO;
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      int p = random.nextInt(PRODUCT.length);
      int qty = 1 + random.nextInt(3);
      BigDecimal price = BigDecimal.valueOf(299 + random.nextInt(9000), 2);
      total = total.add(price.multiply(BigDecimal.valueOf(qty)));
      items.add(
          new BsonDocument("sku", s(String.format("SKU-%04d", p * 37)))
              .append("name", s(PRODUCT[p]))
              .append("qty", new BsonInt32(qty))
              .append("price", new BsonDecimal128(new Decimal128(price))));
    }
    BsonArray coupons = new BsonArray();
    if (random.nextInt(4) == 0) {
      coupons.add(new BsonArray(List.of(s("WELCOME10"), new BsonInt32(10))));
      coupons.add(new BsonArray(List.of(s("FREESHIP"), new BsonInt32(0))));
    }
    return new BsonDocument("_id", objectId())
        .append("orderNo", new BsonInt64(100_000_000L + i))
        .append(
            "userId", userIds.isEmpty() ? objectId() : userIds.get(random.nextInt(userIds.size())))
        .append("createdAt", date())
        .append("status", s(pick(STATUS)))
        .append("items", items)
        .append(
            "total", new BsonDecimal128(new Decimal128(total.setScale(2, RoundingMode.HALF_EVEN))))
        .append("currency", s("EUR"))
        .append("coupons", coupons)
        .append(
            "shipping",
            new BsonDocument("method", s(random.nextBoolean() ? "standard" : "express"))
                .append("trackingNo", random.nextInt(3) == 0 ? BsonNull.VALUE : s(hex(8))));
  }

  private BsonDocument event(int i) {
    BsonArray path = new BsonArray();
    for (int n = 1 + random.nextInt(4); n > 0; n--) {
      path.add(s(pick(PATH)));
    }
    return new BsonDocument("_id", objectId())
        .append("ts", date())
        .append("type", s(pick(EVENT)))
        .append("session", new BsonBinary(BsonBinarySubType.UUID_STANDARD, bytes(16)))
        .append("payload", new BsonBinary(bytes(16 + random.nextInt(48))))
        .append(
            "metrics",
            new BsonDocument("durationMs", new BsonInt32(random.nextInt(5000)))
                .append("bytes", new BsonInt64(random.nextInt(1 << 20) * 1024L))
                .append("score", new BsonDouble(Math.round(random.nextDouble() * 1e4) / 1e4)))
        .append("path", path)
        .append(
            "geo",
            new BsonArray(
                List.of(
                    new BsonDouble(Math.round((random.nextDouble() * 360 - 180) * 1e5) / 1e5),
                    new BsonDouble(Math.round((random.nextDouble() * 180 - 90) * 1e5) / 1e5))))
        .append("seq", new BsonInt32(i));
  }

  private BsonDocument dailyStat(int i) {
    BsonArray hourly = new BsonArray();
    for (int h = 0; h < 24; h++) {
      hourly.add(new BsonInt32(random.nextInt(500)));
    }
    return new BsonDocument("_id", s(String.format("2024-%03d", i + 1)))
        .append("day", new BsonDateTime(BASE + i * 86_400_000L))
        .append("visits", hourly)
        .append("revenue", money(100, 20000))
        .append("updated", new BsonTimestamp((int) (BASE / 1000) + i * 86_400, 1));
  }

  private BsonDocument contact(int i) {
    BsonArray phones = new BsonArray();
    for (int n = random.nextInt(3); n >= 0; n--) {
      phones.add(
          new BsonDocument("kind", s(pick(new String[] {"work", "mobile", "home"})))
              .append(
                  "number",
                  s(
                      "+"
                          + (1 + random.nextInt(98))
                          + " "
                          + (100000000 + random.nextInt(899999999)))));
    }
    return new BsonDocument("_id", new BsonInt32(i + 1))
        .append("name", s(pick(FIRST) + " " + pick(LAST)))
        .append(
            "company",
            new BsonDocument("name", s(pick(CITY) + " Coffee Co."))
                .append("size", new BsonInt32(1 + random.nextInt(500))))
        .append("phones", phones)
        .append("notes", s(random.nextBoolean() ? "Prefers e-mail — “no calls before 10”" : ""))
        .append("lastContact", date());
  }

  private String pick(String[] values) {
    return values[random.nextInt(values.length)];
  }

  private static BsonString s(String v) {
    return new BsonString(v);
  }

  private BsonDateTime date() {
    return new BsonDateTime(BASE + (long) (random.nextDouble() * YEAR));
  }

  private BsonValue money(int min, int max) {
    return new BsonDecimal128(
        new Decimal128(BigDecimal.valueOf(min * 100L + random.nextInt((max - min) * 100), 2)));
  }

  private BsonObjectId objectId() {
    byte[] b = bytes(12);
    int seconds = (int) ((BASE + (long) (random.nextDouble() * YEAR)) / 1000);
    ByteBuffer.wrap(b).putInt(seconds);
    return new BsonObjectId(new ObjectId(b));
  }

  private byte[] bytes(int n) {
    byte[] b = new byte[n];
    random.nextBytes(b);
    return b;
  }

  private String hex(int n) {
    StringBuilder b = new StringBuilder();
    for (byte x : bytes(n)) {
      b.append(String.format("%02X", x));
    }
    return b.toString();
  }

  private static String longName() {
    StringBuilder b = new StringBuilder("archived_events_");
    while (b.length() < 118) {
      b.append("before_the_2023_migration_");
    }
    return b.substring(0, 118);
  }
}
