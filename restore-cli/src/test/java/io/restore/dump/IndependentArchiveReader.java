package io.restore.dump;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;

/**
 * A second archive reader written from docs/design/dump-format.md alone, sharing no code with the
 * writer or ArchiveVerifier: a bit-by-bit CRC-64/XZ, a ByteBuffer walk, and a list of every block.
 */
public final class IndependentArchiveReader {
  public record Block(BsonDocument header, List<byte[]> documents) {}

  public record Parsed(
      BsonDocument header,
      List<BsonDocument> metadata,
      List<Block> blocks,
      Map<String, List<byte[]>> documents) {}

  static final class Corrupt extends RuntimeException {
    Corrupt(String m) {
      super(m);
    }
  }

  static long crc64xz(List<byte[]> docs) {
    long crc = -1L;
    for (byte[] d : docs) {
      for (byte b : d) {
        crc ^= b & 0xFF;
        for (int k = 0; k < 8; k++) {
          crc = (crc & 1) == 1 ? (crc >>> 1) ^ 0xC96C5795D7870F42L : crc >>> 1;
        }
      }
    }
    return ~crc;
  }

  public static Parsed parse(byte[] archive) {
    ByteBuffer in = ByteBuffer.wrap(archive).order(ByteOrder.LITTLE_ENDIAN);
    byte[] magic = new byte[4];
    in.get(magic);
    if (!Arrays.equals(magic, new byte[] {0x6D, (byte) 0xE2, (byte) 0x99, (byte) 0x81})) {
      throw new Corrupt("bad magic");
    }
    BsonDocument header = doc(in);
    List<BsonDocument> metadata = new ArrayList<>();
    while (in.getInt(in.position()) != -1) {
      metadata.add(doc(in));
    }
    in.getInt();
    List<Block> blocks = new ArrayList<>();
    Map<String, List<byte[]>> docs = new LinkedHashMap<>();
    Map<String, Boolean> closed = new LinkedHashMap<>();
    while (in.hasRemaining()) {
      BsonDocument h = doc(in);
      if (!new ArrayList<>(h.keySet()).equals(List.of("db", "collection", "EOF", "CRC"))
          || !h.get("CRC").isInt64()) {
        throw new Corrupt("bad namespace header " + h.toJson());
      }
      String ns = h.getString("db").getValue() + "." + h.getString("collection").getValue();
      if (Boolean.TRUE.equals(closed.get(ns))) {
        throw new Corrupt(ns + " after its EOF");
      }
      List<byte[]> blockDocs = new ArrayList<>();
      while (in.getInt(in.position()) != -1) {
        blockDocs.add(raw(in));
      }
      in.getInt();
      blocks.add(new Block(h, blockDocs));
      List<byte[]> all = docs.computeIfAbsent(ns, k -> new ArrayList<>());
      if (h.getBoolean("EOF").getValue()) {
        if (!blockDocs.isEmpty()) {
          throw new Corrupt("EOF block with documents");
        }
        long want = h.getInt64("CRC").getValue();
        long got = crc64xz(all);
        if (want != got) {
          throw new Corrupt(
              "CRC mismatch for "
                  + ns
                  + ": "
                  + Long.toHexString(want)
                  + " vs "
                  + Long.toHexString(got));
        }
        closed.put(ns, true);
      } else {
        if (h.getInt64("CRC").getValue() != 0) {
          throw new Corrupt("data block with a CRC");
        }
        all.addAll(blockDocs);
        closed.put(ns, false);
      }
    }
    if (closed.containsValue(false)) {
      throw new Corrupt("namespace never closed: " + closed);
    }
    return new Parsed(header, metadata, blocks, docs);
  }

  private static byte[] raw(ByteBuffer in) {
    int len = in.getInt(in.position());
    if (len < 5 || len > in.remaining()) {
      throw new Corrupt("bad length " + len + " at " + in.position());
    }
    byte[] b = new byte[len];
    in.get(b);
    if (b[len - 1] != 0) {
      throw new Corrupt("document without trailing 0");
    }
    return b;
  }

  private static BsonDocument doc(ByteBuffer in) {
    return new RawBsonDocument(raw(in));
  }
}
