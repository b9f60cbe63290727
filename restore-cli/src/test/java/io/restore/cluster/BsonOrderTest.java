package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDecimal128;
import org.bson.BsonDocument;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonRegularExpression;
import org.bson.BsonString;
import org.bson.BsonSymbol;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

class BsonOrderTest {
  private static int cmp(BsonValue a, BsonValue b) {
    return Integer.signum(BsonOrder.INSTANCE.compare(a, b));
  }

  /** Sorting a shuffled list must give back the list as written. */
  private static void assertAscending(List<BsonValue> expected) {
    List<BsonValue> shuffled = new ArrayList<>(expected);
    Collections.shuffle(shuffled, new Random(7));
    shuffled.sort(BsonOrder.INSTANCE);
    assertThat(shuffled).containsExactlyElementsOf(expected);
  }

  @Test
  void typesCompareByBracketBeforeValue() {
    assertAscending(
        List.of(
            new BsonMinKey(),
            BsonNull.VALUE,
            new BsonInt32(Integer.MAX_VALUE),
            new BsonString(""),
            new BsonDocument(),
            new BsonArray(),
            new BsonBinary(new byte[0]),
            new BsonObjectId(new ObjectId(new byte[12])),
            BsonBoolean.FALSE,
            new BsonDateTime(Long.MIN_VALUE),
            new BsonTimestamp(0, 0),
            new BsonRegularExpression("a"),
            new BsonMaxKey()));
  }

  @Test
  void numbersCompareByValueAcrossTypes() {
    assertAscending(
        List.of(
            new BsonDouble(Double.NaN),
            new BsonDouble(Double.NEGATIVE_INFINITY),
            new BsonInt64(Long.MIN_VALUE),
            new BsonInt32(-1),
            new BsonDecimal128(Decimal128.parse("-0.5")),
            new BsonInt32(0),
            new BsonDouble(0.25),
            new BsonInt64(1),
            new BsonDecimal128(Decimal128.parse("1.0000000000000000000000000001")),
            new BsonDouble(9.007199254740992E15),
            new BsonInt64(9_007_199_254_740_993L), // above 2^53: a double cannot hold it
            new BsonDecimal128(Decimal128.parse("1E30")),
            new BsonDouble(Double.POSITIVE_INFINITY)));
    assertThat(cmp(new BsonInt32(3), new BsonDouble(3.0))).isZero();
    assertThat(cmp(new BsonInt64(3), new BsonDecimal128(Decimal128.parse("3.000")))).isZero();
    assertThat(cmp(new BsonDouble(-0.0), new BsonInt32(0))).isZero();
    assertThat(cmp(new BsonDouble(Double.NaN), new BsonDecimal128(Decimal128.NaN))).isZero();
  }

  @Test
  void stringsCompareAsUtf8BytesNotUtf16() {
    // U+FFFD is EF BF BD in UTF-8, the emoji F0 9F 98 80; UTF-16 orders them the other way.
    assertThat(cmp(new BsonString("\uFFFD"), new BsonString("😀"))).isNegative();
    assertThat("\uFFFD".compareTo("😀")).isPositive();
    assertAscending(
        List.of(
            new BsonString(""),
            new BsonString("A"),
            new BsonString("a"),
            new BsonString("ab"),
            new BsonString("z"),
            new BsonString("é")));
    assertThat(cmp(new BsonSymbol("abc"), new BsonString("abc"))).isZero();
  }

  @Test
  void documentsCompareElementByElementWithFieldNames() {
    BsonDocument a1 = new BsonDocument("a", new BsonInt32(1));
    BsonDocument a2 = new BsonDocument("a", new BsonInt32(2));
    BsonDocument b0 = new BsonDocument("b", new BsonInt32(0));
    BsonDocument aStr = new BsonDocument("a", new BsonString("x"));
    BsonDocument a1b = new BsonDocument("a", new BsonInt32(1)).append("b", BsonNull.VALUE);
    assertAscending(List.of(new BsonDocument(), a1, a1b, a2, b0, aStr));
  }

  @Test
  void arraysBinaryAndTheRestFollowMongoDbsRules() {
    assertAscending(
        List.of(
            new BsonArray(),
            new BsonArray(List.of(new BsonInt32(1))),
            new BsonArray(List.of(new BsonInt32(1), new BsonInt32(0))),
            new BsonArray(List.of(new BsonInt32(2)))));
    // BinData: length first, then subtype, then bytes.
    assertAscending(
        List.of(
            new BsonBinary((byte) 5, new byte[] {9}),
            new BsonBinary((byte) 0, new byte[] {0, 0}),
            new BsonBinary((byte) 0, new byte[] {0, (byte) 0xff}),
            new BsonBinary((byte) 4, new byte[] {0, 0})));
    assertThat(cmp(new BsonDateTime(-1), new BsonDateTime(0))).isNegative(); // dates are signed
    assertThat(cmp(new BsonTimestamp(-1, 0), new BsonTimestamp(1, 0))).isPositive(); // unsigned
    assertThat(
            cmp(
                new BsonObjectId(new ObjectId("ff0000000000000000000000")),
                new BsonObjectId(new ObjectId("010000000000000000000000"))))
        .isPositive();
    assertThat(cmp(BsonBoolean.FALSE, BsonBoolean.TRUE)).isNegative();
    assertThat(cmp(new BsonMinKey(), new BsonMinKey())).isZero();
  }
}
