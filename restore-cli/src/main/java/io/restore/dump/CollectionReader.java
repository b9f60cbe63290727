package io.restore.dump;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;

/**
 * Drains one collection's cursor into chunks of raw document bytes; documents are never decoded.
 * Uses {@code hint({$natural: 1})} like mongodump (dump-format.md), and a plain find on servers
 * that reject the hint (mongo-java-server, some proxies).
 */
final class CollectionReader {
  /**
   * Bytes per cursor batch to aim for. Each running reader holds a reply and its documents, so this
   * (times the parallel collections) bounds the heap whatever the collection's size; mongod caps a
   * reply at 16 MiB, but not every server does.
   */
  static final long BATCH_BYTES = 2L << 20;

  /** Documents per batch when the average size is unknown (mongod's default first batch). */
  static final int UNKNOWN_SIZE_BATCH = 101;

  static int batchSize(long averageDocumentBytes) {
    if (averageDocumentBytes <= 0) {
      return UNKNOWN_SIZE_BATCH;
    }
    return (int) Math.max(1, Math.min(10_000, BATCH_BYTES / averageDocumentBytes));
  }

  private final AtomicBoolean cancelled;

  CollectionReader(AtomicBoolean cancelled) {
    this.cancelled = cancelled;
  }

  /** Counts of what was handed to the sink. */
  record Result(long documents, long bytes, boolean naturalOrder) {}

  /** Listener for progress; called after each chunk. */
  @FunctionalInterface
  interface Progress {
    void advanced(long documents, long bytes);
  }

  Result read(
      MongoCollection<RawBsonDocument> collection,
      BsonDocument query,
      int batchSize,
      CollectionSink sink,
      Progress progress)
      throws IOException, InterruptedException {
    boolean natural = query.isEmpty();
    MongoCursor<RawBsonDocument> opened;
    try {
      opened = open(collection, query, natural, batchSize);
    } catch (MongoCommandException e) {
      if (!natural) {
        throw e;
      }
      natural = false; // the server does not take the $natural hint: a plain find reads the same
      opened = open(collection, query, false, batchSize);
    }
    MongoCursor<RawBsonDocument> cursor = opened;
    long docs = 0;
    long bytes = 0;
    byte[] buf = new byte[Chunk.TARGET_BYTES];
    int len = 0;
    int inChunk = 0;
    try (cursor) {
      while (cursor.hasNext()) {
        RawBsonDocument doc = cursor.next();
        org.bson.ByteBuf raw = doc.getByteBuffer();
        int size = raw.remaining();
        if (len + size > buf.length && len > 0) {
          sink.write(new Chunk(buf, len, inChunk));
          progress.advanced(inChunk, len);
          buf = new byte[Math.max(Chunk.TARGET_BYTES, size)];
          len = 0;
          inChunk = 0;
          if (cancelled.get()) {
            throw new InterruptedException("cancelled");
          }
        } else if (size > buf.length) {
          buf = new byte[size];
        }
        raw.get(buf, len, size);
        len += size;
        inChunk++;
        docs++;
        bytes += size;
      }
    }
    if (len > 0) {
      sink.write(new Chunk(buf, len, inChunk));
      progress.advanced(inChunk, len);
    }
    return new Result(docs, bytes, natural);
  }

  private static MongoCursor<RawBsonDocument> open(
      MongoCollection<RawBsonDocument> collection,
      BsonDocument query,
      boolean natural,
      int batchSize) {
    FindIterable<RawBsonDocument> find = collection.find(query).batchSize(batchSize);
    if (natural) {
      find = find.hint(new BsonDocument("$natural", new BsonInt32(1)));
    }
    return find.cursor();
  }
}
