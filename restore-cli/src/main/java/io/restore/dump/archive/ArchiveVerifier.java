package io.restore.dump.archive;

import io.restore.dump.Namespace;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.RawBsonDocument;

/**
 * Re-reads a finished archive the way mongorestore does (common/archive/parser.go,
 * demultiplexer.go): every boundary checked, every namespace's CRC recomputed and compared with its
 * EOF block, and no namespace left open. Memory stays at one document.
 */
public final class ArchiveVerifier {
  /**
   * What one namespace's blocks held: {@code crc} is the CRC-64 of its EOF block (recomputed and
   * compared unless read with {@link #readBack}), {@code crc32c} a CRC-32C of its document bytes.
   */
  public record NamespaceStats(long documents, long bytes, long crc, long crc32c) {}

  /** A verified archive: its header, the prelude's namespaces and what each data namespace held. */
  public record Report(
      BsonDocument header, List<Namespace> declared, Map<Namespace, NamespaceStats> namespaces) {}

  private final CountingInput in;
  private final boolean recomputeCrc64;
  private byte[] buf = new byte[64 * 1024];

  private ArchiveVerifier(InputStream in, boolean recomputeCrc64) {
    this.in = new CountingInput(in);
    this.recomputeCrc64 = recomputeCrc64;
  }

  /**
   * Reads the whole stream and recomputes every namespace's CRC-64, as mongorestore will; throws
   * {@link ArchiveCorruptException} naming the offset.
   */
  public static Report verify(InputStream in) throws IOException {
    return new ArchiveVerifier(in, true).read();
  }

  /**
   * The writer's own check of what reached the disk: every boundary as in {@link #verify}, but the
   * documents get a CRC-32C instead of a CRC-64 (about 30× cheaper here). The caller compares each
   * namespace's CRC-32C and EOF CRC-64 with {@link ArchiveWriter.Sums}: equal CRC-32Cs mean the
   * bytes on disk are the bytes the writer's CRC-64 was computed over.
   */
  public static Report readBack(InputStream in) throws IOException {
    return new ArchiveVerifier(in, false).read();
  }

  private Report read() throws IOException {
    int magic = in.readIntLE();
    if (magic != ArchiveFormat.MAGIC) {
      throw corrupt("0x%08x is not the archive magic number 0x8199e26d", magic);
    }
    BsonDocument header = document(in.readIntLE()).clone();
    if (!header.containsKey("server_version") || !header.containsKey("version")) {
      throw corrupt("the archive header lacks version or server_version: %s", header.toJson());
    }
    List<Namespace> declared = new ArrayList<>();
    for (int size = in.readIntLE(); size != ArchiveFormat.TERMINATOR; size = in.readIntLE()) {
      BsonDocument meta = document(size);
      declared.add(new Namespace(string(meta, "db"), string(meta, "collection")));
    }
    Map<Namespace, Crc64> crcs = new LinkedHashMap<>();
    Map<Namespace, CRC32C> fastCrcs = new HashMap<>();
    Map<Namespace, long[]> counts = new LinkedHashMap<>();
    Map<Namespace, NamespaceStats> closed = new LinkedHashMap<>();
    while (true) {
      int size = in.readIntLEOrEnd();
      if (size == Integer.MIN_VALUE) {
        break; // clean end between blocks
      }
      if (size == ArchiveFormat.TERMINATOR) {
        throw corrupt("a block starts with a terminator");
      }
      BsonDocument h = document(size);
      if (h.size() != 4
          || !h.isString("db")
          || !h.isString("collection")
          || !h.isBoolean("EOF")
          || !h.isInt64("CRC")) {
        throw corrupt(
            "namespace header must be exactly {db, collection, EOF, CRC:int64}: %s", h.toJson());
      }
      Namespace ns = new Namespace(string(h, "db"), string(h, "collection"));
      if (closed.containsKey(ns)) {
        throw corrupt("%s appears again after its EOF block", ns);
      }
      Crc64 crc = crcs.computeIfAbsent(ns, k -> new Crc64());
      CRC32C fast = fastCrcs.computeIfAbsent(ns, k -> new CRC32C());
      long[] count = counts.computeIfAbsent(ns, k -> new long[2]);
      if (h.getBoolean("EOF").getValue()) {
        if (in.readIntLE() != ArchiveFormat.TERMINATOR) {
          throw corrupt("the EOF block of %s is not followed by a terminator", ns);
        }
        long expected = h.getInt64("CRC").getValue();
        if (recomputeCrc64 && expected != crc.value()) {
          throw corrupt(
              "CRC mismatch for %s: archive says %016x, documents give %016x",
              ns, expected, crc.value());
        }
        closed.put(ns, new NamespaceStats(count[0], count[1], expected, fast.getValue()));
        continue;
      }
      for (int d = in.readIntLE(); d != ArchiveFormat.TERMINATOR; d = in.readIntLE()) {
        readDocument(d);
        if (recomputeCrc64) {
          crc.update(buf, 0, d);
        }
        fast.update(buf, 0, d);
        count[0]++;
        count[1] += d;
      }
    }
    List<Namespace> open = new ArrayList<>(crcs.keySet());
    open.removeAll(closed.keySet());
    if (!open.isEmpty()) {
      throw corrupt("the archive ends with namespaces never closed by an EOF block: %s", open);
    }
    return new Report(header, declared, closed);
  }

  private BsonDocument document(int size) throws IOException {
    readDocument(size);
    return new RawBsonDocument(buf, 0, size);
  }

  /** Reads a whole document whose length was just read into buf[0..size). */
  private void readDocument(int size) throws IOException {
    if (size < 5 || size > ArchiveFormat.MAX_DOCUMENT_BYTES) {
      throw corrupt("%d is neither a BSON length nor a terminator", size);
    }
    if (buf.length < size) {
      buf = new byte[Math.max(size, buf.length * 2)];
    }
    buf[0] = (byte) size;
    buf[1] = (byte) (size >>> 8);
    buf[2] = (byte) (size >>> 16);
    buf[3] = (byte) (size >>> 24);
    in.readFully(buf, 4, size - 4);
    if (buf[size - 1] != 0) {
      throw corrupt("a %d-byte document does not end with 0x00", size);
    }
  }

  private static String string(BsonDocument d, String key) throws ArchiveCorruptException {
    BsonValue v = d.get(key);
    if (v == null || !v.isString()) {
      throw new ArchiveCorruptException("expected a string '" + key + "' in " + d.toJson());
    }
    return v.asString().getValue();
  }

  private ArchiveCorruptException corrupt(String format, Object... args) {
    return new ArchiveCorruptException(
        String.format(format, args) + " (at byte " + in.offset + ")");
  }

  /** Archive bytes that mongorestore would reject. */
  public static final class ArchiveCorruptException extends IOException {
    private static final long serialVersionUID = 1L;

    public ArchiveCorruptException(String message) {
      super(message);
    }
  }

  private static final class CountingInput {
    private final InputStream in;
    private final byte[] four = new byte[4];
    long offset;

    CountingInput(InputStream in) {
      this.in = in;
    }

    int readIntLE() throws IOException {
      int v = readIntLEOrEnd();
      if (v == Integer.MIN_VALUE) {
        throw new ArchiveCorruptException(
            "the archive ends in the middle of a block (at byte " + offset + ")");
      }
      return v;
    }

    /** Integer.MIN_VALUE at a clean end of input (never a valid length or terminator). */
    int readIntLEOrEnd() throws IOException {
      int n = in.readNBytes(four, 0, 4);
      if (n == 0) {
        return Integer.MIN_VALUE;
      }
      if (n < 4) {
        throw new ArchiveCorruptException(
            "the archive ends inside a length (at byte " + offset + ")");
      }
      offset += 4;
      return (four[0] & 0xFF)
          | (four[1] & 0xFF) << 8
          | (four[2] & 0xFF) << 16
          | (four[3] & 0xFF) << 24;
    }

    void readFully(byte[] b, int off, int len) throws IOException {
      int n = in.readNBytes(b, off, len);
      offset += n;
      if (n < len) {
        throw new EOFException("the archive ends inside a document (at byte " + offset + ")");
      }
    }
  }
}
