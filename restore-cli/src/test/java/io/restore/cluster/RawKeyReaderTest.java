package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.dump.Namespace;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDbPointer;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonJavaScript;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The raw-bytes key reader against {@link ShardKeyPattern#extract} on the driver's decoding of the
 * same bytes (what the dump used before): every BSON type, dotted paths, missing fields and paths
 * through non-documents, hashed fields, compound keys.
 */
class RawKeyReaderTest {
  private static final Namespace NS = new Namespace("shop", "orders");

  static List<BsonValue> everyType() {
    return List.of(
        new BsonInt32(-7),
        new BsonInt64(1L << 60),
        new BsonDouble(-0.0),
        new BsonDouble(Double.NaN),
        new BsonDecimal128(Decimal128.parse("3.000")),
        new BsonString(""),
        new BsonString("é€\uD83D\uDE00 text"),
        new BsonSymbol("sym"),
        new BsonObjectId(new ObjectId("0102030405060708090a0b0c")),
        BsonBoolean.TRUE,
        BsonBoolean.FALSE,
        new BsonDateTime(-5),
        new BsonTimestamp(7, 9),
        BsonNull.VALUE,
        new BsonUndefined(),
        new BsonMinKey(),
        new BsonMaxKey(),
        new BsonBinary((byte) 4, new byte[16]),
        new BsonRegularExpression("^a.*", "im"),
        new BsonDbPointer("db.c", new ObjectId("0102030405060708090a0b0c")),
        new BsonJavaScript("function() {}"),
        new BsonJavaScriptWithScope("f()", new BsonDocument("x", new BsonInt32(1))),
        new BsonDocument("x", new BsonInt32(1)).append("y", new BsonString("z")),
        new BsonDocument(),
        new BsonArray(List.of(new BsonInt32(1), new BsonString("two"))));
  }

  static Stream<String> patterns() {
    return Stream.of(
        "{a: 1}",
        "{a: 'hashed'}",
        "{'a.x': 1}",
        "{'a.x': 'hashed'}",
        "{b: 1, 'a.x': 1, c: 1}",
        "{'a.x.y': 1}",
        "{missing: 1}",
        "{'a.': 1}");
  }

  /** Documents holding each type at a, at a.x, at a.x.y, with fields before and after. */
  static List<RawBsonDocument> documents() {
    List<RawBsonDocument> docs = new ArrayList<>();
    for (BsonValue v : everyType()) {
      docs.add(raw(new BsonDocument("z", new BsonString("before")).append("a", v)));
      docs.add(
          raw(
              new BsonDocument("b", v)
                  .append("a", new BsonDocument("w", BsonBoolean.TRUE).append("x", v))
                  .append("c", new BsonInt32(3))));
      docs.add(raw(new BsonDocument("a", new BsonDocument("x", new BsonDocument("y", v)))));
    }
    docs.add(raw(new BsonDocument()));
    docs.add(raw(new BsonDocument("a", new BsonString("not a document")))); // a.x through a string
    docs.add(
        raw(new BsonDocument("a", new BsonArray(List.of(new BsonDocument("x", BsonNull.VALUE))))));
    docs.add(raw(new BsonDocument("a", new BsonDocument("", new BsonInt32(5)))));
    docs.add(raw(new BsonDocument("ab", new BsonInt32(1)).append("a", new BsonInt32(2))));
    return docs;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("patterns")
  void readsWhatTheDecodedDocumentHolds(String pattern) {
    ShardKeyPattern p = ShardKeyPattern.parse(NS, BsonDocument.parse(pattern));
    RawKeyReader reader = new RawKeyReader(p);
    for (RawBsonDocument d : documents()) {
      // inside a larger buffer, as a dump's chunk holds it
      byte[] bytes = bytes(d);
      byte[] chunk = new byte[bytes.length + 11];
      System.arraycopy(bytes, 0, chunk, 7, bytes.length);
      assertThat(reader.extract(chunk, 7, bytes.length))
          .as(d.toJson())
          .isEqualTo(p.extract(d))
          .satisfies(k -> assertThat(k.compareTo(p.extract(d))).isZero());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("io.restore.cluster.Hash64Test#vectors")
  void hashesEachPublishedVectorFromTheDocumentsBytes(String name, BsonValue value, long expected) {
    RawKeyReader reader =
        new RawKeyReader(ShardKeyPattern.parse(NS, BsonDocument.parse("{'k.v': 'hashed'}")));
    byte[] doc =
        bytes(
            raw(
                new BsonDocument("other", new BsonString("x"))
                    .append("k", new BsonDocument("v", value))));
    assertThat(reader.extract(doc, 0, doc.length).values())
        .containsExactly(new BsonInt64(expected));
  }

  @Test
  void aRepeatedNameGivesItsFirstElementAsMongodsGetFieldDoes() {
    // {a: 1, a: 2} cannot be built through BsonDocument: written by hand
    byte[] doc = {19, 0, 0, 0, 0x10, 'a', 0, 1, 0, 0, 0, 0x10, 'a', 0, 2, 0, 0, 0, 0};
    RawKeyReader reader = new RawKeyReader(ShardKeyPattern.parse(NS, BsonDocument.parse("{a: 1}")));
    assertThat(reader.extract(doc, 0, doc.length).values()).containsExactly(new BsonInt32(1));
  }

  @Test
  void refusesADocumentWhoseSizeDoesNotMatch() {
    RawKeyReader reader = new RawKeyReader(ShardKeyPattern.parse(NS, BsonDocument.parse("{a: 1}")));
    byte[] doc = bytes(raw(new BsonDocument("b", new BsonInt32(1))));
    assertThatThrownBy(() -> reader.extract(doc, 0, doc.length - 1))
        .isInstanceOf(BsonSerializationException.class);
    doc[doc.length - 1] = 1; // no terminating NUL
    assertThatThrownBy(() -> reader.extract(doc, 0, doc.length))
        .isInstanceOf(RuntimeException.class);
  }

  private static RawBsonDocument raw(BsonDocument d) {
    return new RawBsonDocument(d, new BsonDocumentCodec());
  }

  private static byte[] bytes(RawBsonDocument d) {
    ByteBuffer b = d.getByteBuffer().asNIO();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
