package io.restore.dump;

import com.mongodb.MongoCommandException;
import com.mongodb.client.FindIterable;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoCursor;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.RawBsonDocument;
import org.bson.codecs.configuration.CodecRegistries;

/**
 * Drains one collection's cursor into chunks of raw document bytes; documents are never decoded,
 * and copied once, from the driver's reply into a chunk ({@link ChunkingDecoder}). Uses {@code
 * hint({$natural: 1})} like mongodump (docs/design/dump-format.md), and a plain find on servers
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

  /** What {@link #readAndCount} read, and how many documents the server says it holds. */
  record Counted(Result read, long serverCount) {}

  /**
   * The collection of {@code plan} that holds its documents (a time-series collection's buckets),
   * as raw documents.
   */
  static MongoCollection<RawBsonDocument> documentsOf(MongoClient client, CollectionPlan plan) {
    return client
        .getDatabase(plan.ns().db())
        .getCollection(plan.dataCollection(), RawBsonDocument.class);
  }

  /**
   * {@link #read} with the plan's batch size, then completes the sink and asks the server for its
   * count of the same query: every dump checks what it read against the server's count (each caller
   * compares with what it kept).
   */
  Counted readAndCount(
      MongoCollection<RawBsonDocument> collection,
      BsonDocument query,
      CollectionPlan plan,
      CollectionSink sink,
      Progress progress)
      throws IOException, InterruptedException {
    Result r = read(collection, query, batchSize(plan.averageDocumentBytes()), sink, progress);
    sink.complete();
    return new Counted(r, collection.countDocuments(query));
  }

  /** Listener for progress; called after each chunk. */
  @FunctionalInterface
  interface Progress {
    void advanced(long documents, long bytes);
  }

  Result read(
      MongoCollection<?> collection,
      BsonDocument query,
      int batchSize,
      CollectionSink sink,
      Progress progress)
      throws IOException, InterruptedException {
    ChunkingDecoder decoder = new ChunkingDecoder();
    MongoCollection<ChunkingDecoder.Copied> copying =
        collection
            .withDocumentClass(ChunkingDecoder.Copied.class)
            .withCodecRegistry(
                CodecRegistries.fromRegistries(
                    CodecRegistries.fromCodecs(decoder), collection.getCodecRegistry()));
    boolean natural = query.isEmpty();
    MongoCursor<ChunkingDecoder.Copied> opened;
    try {
      opened = open(copying, query, natural, batchSize);
    } catch (MongoCommandException e) {
      if (!natural) {
        throw e;
      }
      natural = false; // the server does not take the $natural hint: a plain find reads the same
      opened = open(copying, query, false, batchSize);
    }
    long[] counts = new long[2];
    try (MongoCursor<ChunkingDecoder.Copied> cursor = opened) {
      // the driver decodes a whole batch into chunks on hasNext(); hand them over per chunk
      while (cursor.hasNext()) {
        cursor.next();
        for (Chunk c = decoder.takeFull(); c != null; c = decoder.takeFull()) {
          handOver(c, sink, progress, counts);
          if (cancelled.get()) {
            throw new InterruptedException("cancelled");
          }
        }
      }
    }
    for (Chunk c = decoder.takeRest(); c != null; c = decoder.takeRest()) {
      handOver(c, sink, progress, counts);
    }
    return new Result(counts[0], counts[1], natural);
  }

  private static void handOver(Chunk c, CollectionSink sink, Progress progress, long[] counts)
      throws IOException, InterruptedException {
    sink.write(c);
    progress.advanced(c.documents(), c.length());
    counts[0] += c.documents();
    counts[1] += c.length();
  }

  private static <T> MongoCursor<T> open(
      MongoCollection<T> collection, BsonDocument query, boolean natural, int batchSize) {
    FindIterable<T> find = collection.find(query).batchSize(batchSize);
    if (natural) {
      find = find.hint(new BsonDocument("$natural", new BsonInt32(1)));
    }
    return find.cursor();
  }
}
