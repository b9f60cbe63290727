package io.restore.cluster;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.types.Decimal128;

/**
 * MongoDB's {@code hash64} with seed 0, the value a hashed shard key's chunk ranges are over
 * (docs/design/sharding.md, "Hashed shard keys"): MD5 over the seed and the element's canonical
 * type, field names and value bytes; the first 8 digest bytes as a little-endian long.
 *
 * <p>The value is encoded once into BSON and hashed from those bytes, so every type hashes its
 * value exactly as BSON stores it without a case per type.
 */
final class Hash64 {
  private static final BsonDocumentCodec CODEC = new BsonDocumentCodec();
  private static final ThreadLocal<MessageDigest> MD5 = ThreadLocal.withInitial(Hash64::md5);

  private Hash64() {}

  /** hash64(value, seed 0). A missing shard-key field is hashed as null. */
  static long of(BsonValue value) {
    return ofElement(encodeUnderEmptyName(value), 4);
  }

  /**
   * hash64 of the value of the BSON element at {@code b[pos]} (its type byte; the name is not
   * hashed), straight from a document's bytes.
   */
  static long ofElement(byte[] b, int pos) {
    MessageDigest md = MD5.get();
    md.reset();
    putInt(md, 0); // the seed
    hashElement(md, b, pos, false);
    return ByteBuffer.wrap(md.digest()).order(ByteOrder.LITTLE_ENDIAN).getLong();
  }

  /** {"": value} as BSON bytes: the element starts at offset 4. */
  private static byte[] encodeUnderEmptyName(BsonValue value) {
    RawBsonDocument raw = new RawBsonDocument(new BsonDocument("", value), CODEC);
    ByteBuffer b = raw.getByteBuffer().asNIO();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return bytes;
  }

  /** Hashes the element at {@code pos}; returns the offset just past it. */
  private static int hashElement(MessageDigest md, byte[] b, int pos, boolean withName) {
    byte type = b[pos];
    int nameEnd = BsonBytes.cstringEnd(b, pos + 1);
    int valueStart = nameEnd + 1;
    int valueSize = BsonBytes.valueSize(b, type, valueStart);
    putInt(md, BsonTypeRank.forHash(type));
    if (withName) {
      md.update(b, pos + 1, nameEnd - pos); // the name and its NUL
    }
    switch (type) {
      case BsonBytes.DOUBLE, BsonBytes.INT32, BsonBytes.INT64, BsonBytes.DECIMAL128 ->
          putLong(md, toLong(b, type, valueStart));
      case BsonBytes.DOCUMENT, BsonBytes.ARRAY -> hashChildren(md, b, valueStart);
      case BsonBytes.CODE_W_SCOPE -> {
        // int32 total, then the code as a BSON string, then the scope document: the hash takes
        // the code's characters and NUL, then the scope's elements.
        int codeLength = BsonBytes.int32(b, valueStart + 4);
        md.update(b, valueStart + 8, codeLength);
        hashChildren(md, b, valueStart + 8 + codeLength);
      }
      default -> md.update(b, valueStart, valueSize);
    }
    return valueStart + valueSize;
  }

  /**
   * Each element of the document at {@code docStart}, with its name, then the end-of-object
   * element: its rank (0) and nothing else, since it has no name (the published vectors for {} and
   * [] confirm this; docs/design/sharding.md).
   */
  private static void hashChildren(MessageDigest md, byte[] b, int docStart) {
    int p = docStart + 4;
    while (b[p] != 0) {
      p = hashElement(md, b, p, true);
    }
    putInt(md, 0);
  }

  /**
   * A number as a 64-bit integer the way MongoDB's safeNumberLong does it: fraction truncated
   * toward zero, NaN as 0, out-of-range values clamped. Java's (long) cast of a double does exactly
   * that.
   */
  private static long toLong(byte[] b, byte type, int at) {
    ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    return switch (type) {
      case BsonBytes.INT32 -> buf.getInt(at);
      case BsonBytes.INT64 -> buf.getLong(at);
      case BsonBytes.DOUBLE -> (long) buf.getDouble(at);
      default ->
          decimalToLong(Decimal128.fromIEEE754BIDEncoding(buf.getLong(at + 8), buf.getLong(at)));
    };
  }

  static long decimalToLong(Decimal128 d) {
    if (d.isNaN()) {
      return 0;
    }
    if (d.isInfinite()) {
      return d.isNegative() ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    java.math.BigDecimal v;
    try {
      v = d.bigDecimalValue();
    } catch (ArithmeticException negativeZero) {
      return 0;
    }
    java.math.BigInteger i = v.toBigInteger(); // truncates toward zero
    if (i.bitLength() > 63) {
      return i.signum() < 0 ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
    return i.longValue();
  }

  private static void putInt(MessageDigest md, int v) {
    md.update(new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)});
  }

  private static void putLong(MessageDigest md, long v) {
    byte[] le = new byte[8];
    for (int i = 0; i < 8; i++) {
      le[i] = (byte) (v >>> (8 * i));
    }
    md.update(le);
  }

  private static MessageDigest md5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has MD5", e);
    }
  }
}
