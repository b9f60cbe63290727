package io.restore.cluster;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.Map;
import org.bson.BsonBinary;
import org.bson.BsonDbPointer;
import org.bson.BsonDocument;
import org.bson.BsonJavaScriptWithScope;
import org.bson.BsonRegularExpression;
import org.bson.BsonType;
import org.bson.BsonValue;
import org.bson.types.Decimal128;

/**
 * MongoDB's BSON sort order, as chunk range checks use it (docs/design/sharding.md, "Comparing
 * values"): types compare by canonical rank first; numbers by value across int, long, double and
 * decimal (NaN below every other number); strings and symbols by their UTF-8 bytes; documents and
 * arrays element by element (rank, then field name, then value; a prefix sorts first).
 */
final class BsonOrder implements Comparator<BsonValue> {
  static final BsonOrder INSTANCE = new BsonOrder();

  private BsonOrder() {}

  @Override
  public int compare(BsonValue a, BsonValue b) {
    int byRank =
        Integer.compare(
            BsonTypeRank.forOrder(a.getBsonType()), BsonTypeRank.forOrder(b.getBsonType()));
    if (byRank != 0) {
      return byRank;
    }
    return switch (a.getBsonType()) {
      case MIN_KEY, MAX_KEY, NULL, UNDEFINED, END_OF_DOCUMENT -> 0;
      case DOUBLE, INT32, INT64, DECIMAL128 -> Numbers.compare(a, b);
      case STRING, SYMBOL -> compareUtf8(text(a), text(b));
      case DOCUMENT -> compareDocuments(a.asDocument(), b.asDocument());
      case ARRAY -> compareArrays(a.asArray().getValues(), b.asArray().getValues());
      case BINARY -> compareBinary(a.asBinary(), b.asBinary());
      case OBJECT_ID ->
          Arrays.compareUnsigned(
              a.asObjectId().getValue().toByteArray(), b.asObjectId().getValue().toByteArray());
      case BOOLEAN -> Boolean.compare(a.asBoolean().getValue(), b.asBoolean().getValue());
      case DATE_TIME -> Long.compare(a.asDateTime().getValue(), b.asDateTime().getValue());
      case TIMESTAMP ->
          Long.compareUnsigned(a.asTimestamp().getValue(), b.asTimestamp().getValue());
      case REGULAR_EXPRESSION -> compareRegex(a.asRegularExpression(), b.asRegularExpression());
      case DB_POINTER -> compareDbPointer(a.asDBPointer(), b.asDBPointer());
      case JAVASCRIPT -> compareUtf8(a.asJavaScript().getCode(), b.asJavaScript().getCode());
      case JAVASCRIPT_WITH_SCOPE ->
          compareCodeWithScope(a.asJavaScriptWithScope(), b.asJavaScriptWithScope());
    };
  }

  private static String text(BsonValue v) {
    return v.getBsonType() == BsonType.SYMBOL ? v.asSymbol().getSymbol() : v.asString().getValue();
  }

  /**
   * MongoDB compares strings' UTF-8 bytes (memcmp), then lengths. UTF-8 byte order is code point
   * order, so comparing code points gives the same answer without encoding either string.
   */
  static int compareUtf8(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Boolean.compare(i < a.length(), j < b.length());
  }

  private int compareDocuments(BsonDocument a, BsonDocument b) {
    Iterator<Map.Entry<String, BsonValue>> ia = a.entrySet().iterator();
    Iterator<Map.Entry<String, BsonValue>> ib = b.entrySet().iterator();
    while (ia.hasNext() && ib.hasNext()) {
      Map.Entry<String, BsonValue> ea = ia.next();
      Map.Entry<String, BsonValue> eb = ib.next();
      int c = compareElements(ea.getKey(), ea.getValue(), eb.getKey(), eb.getValue());
      if (c != 0) {
        return c;
      }
    }
    return Boolean.compare(ia.hasNext(), ib.hasNext());
  }

  private int compareArrays(java.util.List<BsonValue> a, java.util.List<BsonValue> b) {
    int n = Math.min(a.size(), b.size());
    for (int i = 0; i < n; i++) {
      // Both field names are the index: equal, so only rank and value decide.
      int c = compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }

  /** An element of an embedded document: rank first, then the field name, then the value. */
  private int compareElements(String nameA, BsonValue a, String nameB, BsonValue b) {
    int byRank =
        Integer.compare(
            BsonTypeRank.forOrder(a.getBsonType()), BsonTypeRank.forOrder(b.getBsonType()));
    if (byRank != 0) {
      return byRank;
    }
    int byName = compareUtf8(nameA, nameB);
    return byName != 0 ? byName : compare(a, b);
  }

  /** Length first, then subtype, then the bytes (MongoDB's order for BinData). */
  private static int compareBinary(BsonBinary a, BsonBinary b) {
    int byLength = Integer.compare(a.getData().length, b.getData().length);
    if (byLength != 0) {
      return byLength;
    }
    int bySubtype = Integer.compare(a.getType() & 0xFF, b.getType() & 0xFF);
    return bySubtype != 0 ? bySubtype : Arrays.compareUnsigned(a.getData(), b.getData());
  }

  private static int compareRegex(BsonRegularExpression a, BsonRegularExpression b) {
    int byPattern = compareUtf8(a.getPattern(), b.getPattern());
    return byPattern != 0 ? byPattern : compareUtf8(a.getOptions(), b.getOptions());
  }

  /** Value size first, then the bytes (the namespace string, then the id). */
  private static int compareDbPointer(BsonDbPointer a, BsonDbPointer b) {
    byte[] na = a.getNamespace().getBytes(StandardCharsets.UTF_8);
    byte[] nb = b.getNamespace().getBytes(StandardCharsets.UTF_8);
    int bySize = Integer.compare(na.length, nb.length);
    if (bySize != 0) {
      return bySize;
    }
    int byNamespace = Arrays.compareUnsigned(na, nb);
    return byNamespace != 0
        ? byNamespace
        : Arrays.compareUnsigned(a.getId().toByteArray(), b.getId().toByteArray());
  }

  private int compareCodeWithScope(BsonJavaScriptWithScope a, BsonJavaScriptWithScope b) {
    int byCode = compareUtf8(a.getCode(), b.getCode());
    return byCode != 0 ? byCode : compareDocuments(a.getScope(), b.getScope());
  }

  /** Numbers of any BSON type, compared exactly by value. */
  static final class Numbers {
    private Numbers() {}

    static int compare(BsonValue a, BsonValue b) {
      if (isIntegral(a) && isIntegral(b)) {
        return Long.compare(a.asNumber().longValue(), b.asNumber().longValue());
      }
      if (a.isDouble() && b.isDouble()) {
        return compareDoubles(a.asDouble().getValue(), b.asDouble().getValue());
      }
      int byClass = Integer.compare(numberClass(a), numberClass(b));
      if (byClass != 0 || numberClass(a) != FINITE) {
        return byClass;
      }
      return exact(a).compareTo(exact(b));
    }

    private static final int NAN = 0;
    private static final int NEGATIVE_INFINITY = 1;
    private static final int FINITE = 2;
    private static final int POSITIVE_INFINITY = 3;

    private static boolean isIntegral(BsonValue v) {
      return v.isInt32() || v.isInt64();
    }

    /** NaN sorts below every number and equals NaN; -0.0 equals 0.0. */
    private static int compareDoubles(double a, double b) {
      if (Double.isNaN(a) || Double.isNaN(b)) {
        return Boolean.compare(!Double.isNaN(a), !Double.isNaN(b));
      }
      return a < b ? -1 : a > b ? 1 : 0;
    }

    private static int numberClass(BsonValue v) {
      if (v.isDouble()) {
        double d = v.asDouble().getValue();
        if (Double.isNaN(d)) {
          return NAN;
        }
        return Double.isInfinite(d) ? (d < 0 ? NEGATIVE_INFINITY : POSITIVE_INFINITY) : FINITE;
      }
      if (v.isDecimal128()) {
        Decimal128 d = v.asDecimal128().getValue();
        if (d.isNaN()) {
          return NAN;
        }
        return d.isInfinite() ? (d.isNegative() ? NEGATIVE_INFINITY : POSITIVE_INFINITY) : FINITE;
      }
      return FINITE;
    }

    private static BigDecimal exact(BsonValue v) {
      if (v.isDouble()) {
        return new BigDecimal(v.asDouble().getValue());
      }
      if (v.isDecimal128()) {
        try {
          return v.asDecimal128().getValue().bigDecimalValue();
        } catch (ArithmeticException negativeZero) {
          return BigDecimal.ZERO;
        }
      }
      return BigDecimal.valueOf(v.asNumber().longValue());
    }
  }
}
