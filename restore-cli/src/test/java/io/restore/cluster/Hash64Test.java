package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
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
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every test vector published with MongoDB's hashed-index tests (docs/design/sharding.md). */
class Hash64Test {
  private static final ObjectId OID = new ObjectId("010203040506070809101112");
  private static final String CODE = "func f() { return 1; }";

  static Stream<Arguments> vectors() {
    byte[] bin = {0, 1, 2, 3, 4, 6};
    byte[] uuid = HexFormat.of().parseHex("000102030405060708090a0b0c0d0e0f");
    return Stream.of(
        v("42 int", new BsonInt32(42), -944302157085130861L),
        v("42.123 double", new BsonDouble(42.123), -944302157085130861L),
        v("42 long", new BsonInt64(42), -944302157085130861L),
        v("42 decimal", new BsonDecimal128(Decimal128.parse("42.9")), -944302157085130861L),
        v("0", new BsonInt32(0), 4854801880128277513L),
        v("0.456", new BsonDouble(0.456), 4854801880128277513L),
        v("NaN", new BsonDouble(Double.NaN), 4854801880128277513L),
        v("decimal NaN", new BsonDecimal128(Decimal128.NaN), 4854801880128277513L),
        v("decimal -0", new BsonDecimal128(Decimal128.NEGATIVE_ZERO), 4854801880128277513L),
        v("1", new BsonInt32(1), 5902408780260971510L),
        v("1.987", new BsonDouble(1.987), 5902408780260971510L),
        v("-1", new BsonInt32(-1), 1140205862565771219L),
        v("-1.789", new BsonDouble(-1.789), 1140205862565771219L),
        v("int32 min", new BsonInt32(Integer.MIN_VALUE), 6165898260261354870L),
        v("int32 max", new BsonInt32(Integer.MAX_VALUE), 1143184177162245883L),
        v("double max", new BsonDouble(Double.MAX_VALUE), 921523596458303250L),
        v("long max", new BsonInt64(Long.MAX_VALUE), 921523596458303250L),
        v("+infinity", new BsonDouble(Double.POSITIVE_INFINITY), 921523596458303250L),
        v("-double max", new BsonDouble(-Double.MAX_VALUE), 4532067210535695462L),
        v("long min", new BsonInt64(Long.MIN_VALUE), 4532067210535695462L),
        v("decimal 1e40", new BsonDecimal128(Decimal128.parse("-1E40")), 4532067210535695462L),
        v("MinKey", new BsonMinKey(), 7961148599568647290L),
        v("MaxKey", new BsonMaxKey(), 5504842513779440750L),
        v("undefined", new BsonUndefined(), 40158834000849533L),
        v("\"abc\" string", new BsonString("abc"), 8478485326885698097L),
        v("\"abc\" symbol", new BsonSymbol("abc"), 8478485326885698097L),
        v("\"\"", new BsonString(""), 2049396243249673340L),
        v(
            "{a: \"abc\", b: NumberLong(123)}",
            new BsonDocument("a", new BsonString("abc")).append("b", new BsonInt64(123)),
            4771603801758380216L),
        v("{}", new BsonDocument(), 7980500913326740417L),
        v(
            "[\"bar\", \"baz\", \"qux\"]",
            new BsonArray(
                java.util.List.of(
                    new BsonString("bar"), new BsonString("baz"), new BsonString("qux"))),
            -2938911267422831539L),
        v("[]", new BsonArray(), 8849948234993459283L),
        v("BinData 0", new BsonBinary((byte) 0, bin), 7252465090394235301L),
        v("BinData 0x80", new BsonBinary((byte) 0x80, bin), 5736670452907618262L),
        v("UUID", new BsonBinary((byte) 4, uuid), 6084661258071355978L),
        v("ObjectId 0102…", new BsonObjectId(OID), -5588663249627035708L),
        v("ObjectId 0", new BsonObjectId(new ObjectId(new byte[12])), -4293118519463489418L),
        v("true", BsonBoolean.TRUE, 6405873908747105701L),
        v("false", BsonBoolean.FALSE, 6289544573401934092L),
        v("Date", new BsonDateTime(0x5566778811223344L), 4476222765095560467L),
        v("Timestamp", new BsonTimestamp(0x55667788, 0x11223344), 4476222765095560467L),
        v("Date(0)", new BsonDateTime(0), -1178696894582842035L),
        v("Timestamp(0, 0)", new BsonTimestamp(0, 0), -1178696894582842035L),
        v("/mongodb/", new BsonRegularExpression("mongodb"), -7275792090268217043L),
        v("/.*/i", new BsonRegularExpression(".*", "i"), 7095855029187981886L),
        v("DBRef c", new BsonDbPointer("c", OID), 940175826736461384L),
        v("DBRef db.c", new BsonDbPointer("db.c", OID), 2426768198104018194L),
        v("Code", new BsonJavaScript(CODE), 6861638109178014270L),
        v(
            "CodeWScope",
            new BsonJavaScriptWithScope(CODE, new BsonDocument("c", BsonBoolean.TRUE)),
            501342939894575968L));
  }

  private static Arguments v(String name, BsonValue value, long expected) {
    return Arguments.of(name, value, expected);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("vectors")
  void matchesMongoDbsPublishedVector(String name, BsonValue value, long expected) {
    assertThat(Hash64.of(value)).isEqualTo(expected);
  }
}
