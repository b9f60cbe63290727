package io.restore.dump.archive;

import io.restore.dump.Namespace;
import org.bson.BsonBoolean;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonInt64;
import org.bson.BsonString;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;

/** Constants and documents of the archive format (see package-info). */
public final class ArchiveFormat {
  /** 0x8199e26d little-endian: the bytes 6D E2 99 81 (common/archive/archive.go MagicNumber). */
  public static final int MAGIC = 0x8199e26d;

  /** FF FF FF FF: read where a BSON length would be, it ends a block. */
  public static final int TERMINATOR = -1;

  /** A segment holds up to this many bytes of documents (db.MaxBSONSize). */
  public static final int MAX_SEGMENT_BYTES = 16 * 1024 * 1024;

  /** Largest document mongod stores (16 MiB) plus its internal slack for oplog entries. */
  public static final int MAX_DOCUMENT_BYTES = 16 * 1024 * 1024 + 16 * 1024;

  /** archive.go archiveFormatVersion. */
  public static final String FORMAT_VERSION = "0.1";

  private ArchiveFormat() {}

  static byte[] header(int concurrentCollections, String serverVersion, String toolVersion) {
    return bytes(
        new BsonDocument("concurrent_collections", new BsonInt32(concurrentCollections))
            .append("version", new BsonString(FORMAT_VERSION))
            .append("server_version", new BsonString(serverVersion))
            .append("tool_version", new BsonString(toolVersion)));
  }

  static byte[] collectionMetadata(Namespace ns, String metadataJson, String type) {
    return bytes(
        new BsonDocument("db", new BsonString(ns.db()))
            .append("collection", new BsonString(ns.collection()))
            .append("metadata", new BsonString(metadataJson))
            .append("size", new BsonInt32(0))
            .append("type", new BsonString(type)));
  }

  /** mongorestore rejects any other key or a CRC of another type. */
  static byte[] namespaceHeader(Namespace ns, boolean eof, long crc) {
    return bytes(
        new BsonDocument("db", new BsonString(ns.db()))
            .append("collection", new BsonString(ns.collection()))
            .append("EOF", BsonBoolean.valueOf(eof))
            .append("CRC", new BsonInt64(crc)));
  }

  private static byte[] bytes(BsonDocument doc) {
    RawBsonDocument raw = new RawBsonDocument(doc, new BsonDocumentCodec());
    org.bson.ByteBuf buf = raw.getByteBuffer();
    byte[] out = new byte[buf.remaining()];
    buf.get(out);
    return out;
  }
}
