package io.restore.dump;

import java.util.ArrayDeque;
import org.bson.BsonBinaryReader;
import org.bson.BsonReader;
import org.bson.BsonSerializationException;
import org.bson.BsonWriter;
import org.bson.RawBsonDocument;
import org.bson.codecs.Codec;
import org.bson.codecs.DecoderContext;
import org.bson.codecs.EncoderContext;
import org.bson.codecs.RawBsonDocumentCodec;
import org.bson.io.BsonInput;
import org.bson.io.BsonInputMark;

/**
 * The document codec of one collection's cursor: copies each document's bytes straight from the
 * driver's reply buffer into the current chunk, once. The driver's own {@code RawBsonDocument}
 * decoding copies every document twice into fresh arrays through a {@code BsonBinaryWriter}; on a
 * dump that is most of the client's CPU (docs/benchmarks.md, "Dump"). Each decoded document is
 * represented by the shared {@link Copied#DOCUMENT} marker: its bytes are already in a chunk.
 *
 * <p>Used by one reader thread: the driver decodes a reply's batch in the thread that asks the
 * cursor for more, and that thread then takes the finished chunks with {@link #takeFull()}. At most
 * one batch's worth of chunks waits here, so memory stays bounded by the batch size.
 */
final class ChunkingDecoder implements Codec<ChunkingDecoder.Copied> {
  /** What the cursor yields per document; the bytes went into a chunk. */
  enum Copied {
    DOCUMENT
  }

  private static final RawBsonDocumentCodec FALLBACK = new RawBsonDocumentCodec();

  private final ArrayDeque<Chunk> full = new ArrayDeque<>();
  private byte[] buf = new byte[Chunk.TARGET_BYTES];
  private int len;
  private int docs;

  @Override
  public Copied decode(BsonReader reader, DecoderContext context) {
    if (!(reader instanceof BsonBinaryReader binary)) {
      RawBsonDocument d = FALLBACK.decode(reader, context); // never from a server reply
      byte[] b = new byte[d.getByteBuffer().remaining()];
      d.getByteBuffer().get(b);
      room(b.length);
      System.arraycopy(b, 0, buf, len, b.length);
      len += b.length;
      docs++;
      return Copied.DOCUMENT;
    }
    BsonInput in = binary.getBsonInput();
    BsonInputMark start = in.getMark(Integer.MAX_VALUE);
    int size = in.readInt32();
    if (size < 5) {
      throw new BsonSerializationException("a document of " + size + " bytes in a server reply");
    }
    start.reset();
    room(size);
    in.readBytes(buf, len, size);
    len += size;
    docs++;
    start.reset();
    reader.skipValue(); // the same document again, through the reader: its state moves on
    return Copied.DOCUMENT;
  }

  /** Makes room for a document of {@code size} bytes, closing the current chunk if needed. */
  private void room(int size) {
    if (len + size <= buf.length) {
      return;
    }
    if (len > 0) {
      full.add(new Chunk(buf, len, docs));
    }
    buf = new byte[Math.max(Chunk.TARGET_BYTES, size)];
    len = 0;
    docs = 0;
  }

  /** A filled chunk, or null. */
  Chunk takeFull() {
    return full.poll();
  }

  /** The last, partly filled chunk (after the cursor is exhausted), or null. */
  Chunk takeRest() {
    Chunk c = full.poll();
    if (c != null) {
      return c;
    }
    if (len == 0) {
      return null;
    }
    c = new Chunk(buf, len, docs);
    buf = new byte[0];
    len = 0;
    docs = 0;
    return c;
  }

  @Override
  public void encode(BsonWriter writer, Copied value, EncoderContext context) {
    throw new UnsupportedOperationException("a dump only reads");
  }

  @Override
  public Class<Copied> getEncoderClass() {
    return Copied.class;
  }
}
