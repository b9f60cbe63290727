package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import org.bson.BsonArray;
import org.bson.BsonBinary;
import org.bson.BsonBinaryReader;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonType;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.bson.codecs.DecoderContext;
import org.junit.jupiter.api.Test;

/** Documents of a reply batch copied into chunks, byte for byte, the reader left where it was. */
class ChunkingDecoderTest {
  @Test
  void copiesEachDocumentOnceIntoChunksAndLeavesTheReaderAfterIt() {
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      int size = i == 17 ? Chunk.TARGET_BYTES + 1000 : 30_000 + i; // one larger than a chunk
      docs.add(
          new BsonDocument("_id", new BsonInt32(i)).append("b", new BsonBinary(new byte[size])));
    }
    BsonDocument reply =
        new BsonDocument("nextBatch", new BsonArray(docs)).append("ok", new BsonInt32(1));
    byte[] replyBytes = bytes(reply);
    ByteArrayOutputStream expected = new ByteArrayOutputStream();
    for (BsonDocument d : docs) {
      expected.writeBytes(bytes(d));
    }

    ChunkingDecoder decoder = new ChunkingDecoder();
    List<Chunk> chunks = new ArrayList<>();
    try (BsonBinaryReader r = new BsonBinaryReader(ByteBuffer.wrap(replyBytes))) {
      r.readStartDocument();
      r.readName("nextBatch");
      r.readStartArray();
      int n = 0;
      while (r.readBsonType() != BsonType.END_OF_DOCUMENT) {
        assertThat(decoder.decode(r, DecoderContext.builder().build()))
            .isSameAs(ChunkingDecoder.Copied.DOCUMENT);
        n++;
        for (Chunk c = decoder.takeFull(); c != null; c = decoder.takeFull()) {
          chunks.add(c);
        }
      }
      r.readEndArray();
      assertThat(r.readInt32("ok")).isEqualTo(1); // the reader is exactly after the batch
      r.readEndDocument();
      assertThat(n).isEqualTo(docs.size());
    }
    for (Chunk c = decoder.takeRest(); c != null; c = decoder.takeRest()) {
      chunks.add(c);
    }
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    for (Chunk c : chunks) {
      assertThat(c.length()).isLessThanOrEqualTo(Math.max(Chunk.TARGET_BYTES, c.data().length));
      got.write(c.data(), 0, c.length());
    }
    assertThat(got.toByteArray()).isEqualTo(expected.toByteArray());
    assertThat(chunks.stream().mapToInt(Chunk::documents).sum()).isEqualTo(docs.size());
    assertThat(chunks).anySatisfy(c -> assertThat(c.documents()).isEqualTo(1)); // the large one
  }

  private static byte[] bytes(BsonDocument d) {
    org.bson.ByteBuf b = new RawBsonDocument(d, new BsonDocumentCodec()).getByteBuffer();
    byte[] out = new byte[b.remaining()];
    b.get(out);
    return out;
  }
}
