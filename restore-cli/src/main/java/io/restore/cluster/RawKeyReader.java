package io.restore.cluster;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.bson.BsonBoolean;
import org.bson.BsonDateTime;
import org.bson.BsonDouble;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonMaxKey;
import org.bson.BsonMinKey;
import org.bson.BsonNull;
import org.bson.BsonObjectId;
import org.bson.BsonSerializationException;
import org.bson.BsonString;
import org.bson.BsonTimestamp;
import org.bson.BsonUndefined;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.types.ObjectId;

/**
 * A document's shard-key value read straight from its BSON bytes, as {@link
 * ShardKeyPattern#extract} reads it from a decoded document (the same rules: a missing field, or a
 * dotted path through something that is not a document, is null; a hashed field is hash64 of its
 * element). Only the key fields are looked at: the elements before one are skipped by their sizes,
 * names compared as bytes, and only the key values decoded (a hashed one not even that, it is
 * hashed from its bytes). A dump passes every document of every shard through here
 * (docs/benchmarks.md, "Sharded row"). One instance per key pattern; thread-safe.
 */
final class RawKeyReader {
  static final long HASH_OF_MISSING = Hash64.of(BsonNull.VALUE);

  private final ShardKeyPattern pattern;

  /** Per field, its path's parts as UTF-8 (a top-level field: one part). */
  private final byte[][][] paths;

  RawKeyReader(ShardKeyPattern pattern) {
    this.pattern = pattern;
    this.paths = new byte[pattern.fields().size()][][];
    for (int i = 0; i < paths.length; i++) {
      String[] parts = pattern.fields().get(i).path().split("\\.", -1);
      paths[i] = new byte[parts.length][];
      for (int j = 0; j < parts.length; j++) {
        paths[i][j] = parts[j].getBytes(StandardCharsets.UTF_8);
      }
    }
  }

  ShardKeyPattern pattern() {
    return pattern;
  }

  /** The shard-key value of the document at {@code b[offset, offset + length)}. */
  ShardKey extract(byte[] b, int offset, int length) {
    checkLength(b, offset, length);
    if (paths.length == 1) {
      return new ShardKey(List.of(value(b, offset, 0)));
    }
    BsonValue[] values = new BsonValue[paths.length];
    for (int i = 0; i < paths.length; i++) {
      values[i] = value(b, offset, i);
    }
    return new ShardKey(List.of(values));
  }

  /**
   * For a one-field pattern: the offset of the key field's element in the document at {@code
   * b[offset, offset + length)}, or -1 when it counts as missing (the rules of {@link #extract}).
   */
  int firstFieldElement(byte[] b, int offset, int length) {
    checkLength(b, offset, length);
    return find(b, offset, paths[0]);
  }

  /** The value of an int32 or int64 element at {@code el}. */
  static long integerValue(byte[] b, int el) {
    int v = valueStart(b, el);
    return b[el] == BsonBytes.INT32 ? BsonBytes.int32(b, v) : int64(b, v);
  }

  private static void checkLength(byte[] b, int offset, int length) {
    if (length < 5 || BsonBytes.int32(b, offset) != length) {
      throw new BsonSerializationException(
          "a document of " + length + " bytes says it has " + BsonBytes.int32(b, offset));
    }
  }

  private BsonValue value(byte[] b, int doc, int field) {
    int el = find(b, doc, paths[field]);
    if (pattern.fields().get(field).hashed()) {
      return new BsonInt64(el < 0 ? HASH_OF_MISSING : Hash64.ofElement(b, el));
    }
    return el < 0 ? BsonNull.VALUE : decode(b, el);
  }

  /** The offset of the element {@code parts} names in the document at {@code doc}, or -1. */
  static int find(byte[] b, int doc, byte[][] parts) {
    int at = doc;
    for (int i = 0; ; i++) {
      int el = element(b, at, parts[i]);
      if (el < 0 || i == parts.length - 1) {
        return el;
      }
      if (b[el] != BsonBytes.DOCUMENT) {
        return -1; // a path through a non-document: missing
      }
      at = valueStart(b, el);
    }
  }

  /** The first element of the document at {@code doc} named {@code name}, or -1. */
  private static int element(byte[] b, int doc, byte[] name) {
    int end = doc + BsonBytes.int32(b, doc) - 1; // the document's terminating NUL
    int p = doc + 4;
    while (p < end) {
      byte type = b[p];
      int nameStart = p + 1;
      int nameEnd = BsonBytes.cstringEnd(b, nameStart);
      int value = nameEnd + 1;
      if (nameEnd - nameStart == name.length
          && Arrays.equals(b, nameStart, nameEnd, name, 0, name.length)) {
        return p;
      }
      p = value + BsonBytes.valueSize(b, type, value);
    }
    if (p != end || b[end] != 0) {
      throw new BsonSerializationException("a document's elements run past its end");
    }
    return -1;
  }

  private static int valueStart(byte[] b, int el) {
    return BsonBytes.cstringEnd(b, el + 1) + 1;
  }

  /**
   * The element's value: the types a shard key usually has without going through the driver's
   * reader, the others from a one-element copy decoded by the driver.
   */
  static BsonValue decode(byte[] b, int el) {
    byte type = b[el];
    int v = valueStart(b, el);
    return switch (type) {
      case BsonBytes.INT32 -> new BsonInt32(BsonBytes.int32(b, v));
      case BsonBytes.INT64 -> new BsonInt64(int64(b, v));
      case BsonBytes.DOUBLE -> new BsonDouble(Double.longBitsToDouble(int64(b, v)));
      case BsonBytes.STRING ->
          new BsonString(new String(b, v + 4, BsonBytes.int32(b, v) - 1, StandardCharsets.UTF_8));
      case BsonBytes.OBJECT_ID -> new BsonObjectId(new ObjectId(ByteBuffer.wrap(b, v, 12)));
      case BsonBytes.BOOLEAN -> BsonBoolean.valueOf(b[v] != 0);
      case BsonBytes.DATE -> new BsonDateTime(int64(b, v));
      case BsonBytes.TIMESTAMP -> new BsonTimestamp(int64(b, v));
      case BsonBytes.NULL -> BsonNull.VALUE;
      case BsonBytes.UNDEFINED -> new BsonUndefined();
      case BsonBytes.MIN_KEY -> new BsonMinKey();
      case BsonBytes.MAX_KEY -> new BsonMaxKey();
      default -> viaDriver(b, type, v);
    };
  }

  /** {"": value} as a document of its own, decoded by the driver. */
  private static BsonValue viaDriver(byte[] b, byte type, int v) {
    int size = BsonBytes.valueSize(b, type, v);
    byte[] one = new byte[4 + 2 + size + 1];
    int total = one.length;
    one[0] = (byte) total;
    one[1] = (byte) (total >>> 8);
    one[2] = (byte) (total >>> 16);
    one[3] = (byte) (total >>> 24);
    one[4] = type; // one[5] is the empty name's NUL, the last byte the document's
    System.arraycopy(b, v, one, 6, size);
    return new RawBsonDocument(one).get("");
  }

  private static long int64(byte[] b, int at) {
    return (BsonBytes.int32(b, at) & 0xFFFFFFFFL) | (long) BsonBytes.int32(b, at + 4) << 32;
  }
}
