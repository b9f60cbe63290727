package io.restore.cluster;

import org.bson.BsonType;

/**
 * MongoDB's canonical type ranks: values of different types compare by rank alone, and equal ranks
 * mean "compare the values" (all numbers share one, as do string and symbol). The hash uses the
 * same ranks except that date and timestamp share one (docs/design/sharding.md).
 */
final class BsonTypeRank {
  private BsonTypeRank() {}

  static int forOrder(BsonType type) {
    return switch (type) {
      case MIN_KEY -> -1;
      case END_OF_DOCUMENT, UNDEFINED -> 0;
      case NULL -> 5;
      case DOUBLE, INT32, INT64, DECIMAL128 -> 10;
      case STRING, SYMBOL -> 15;
      case DOCUMENT -> 20;
      case ARRAY -> 25;
      case BINARY -> 30;
      case OBJECT_ID -> 35;
      case BOOLEAN -> 40;
      case DATE_TIME -> 45;
      case TIMESTAMP -> 47;
      case REGULAR_EXPRESSION -> 50;
      case DB_POINTER -> 55;
      case JAVASCRIPT -> 60;
      case JAVASCRIPT_WITH_SCOPE -> 65;
      case MAX_KEY -> 127;
    };
  }

  /** The rank hash64 feeds to MD5 for an element of BSON type byte {@code type}. */
  static int forHash(byte type) {
    BsonType t = BsonType.findByValue(type & 0xFF);
    return t == BsonType.TIMESTAMP ? forOrder(BsonType.DATE_TIME) : forOrder(t);
  }
}
