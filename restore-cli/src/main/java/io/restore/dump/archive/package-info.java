/**
 * mongodump's archive format, as mongorestore reads it (dump-format.md; mongo-tools
 * common/archive/spec.md, parser.go, multiplexer.go, prelude.go).
 *
 * <pre>
 * archive         = magic prelude-block *namespace-block
 * magic           = 6D E2 99 81
 * prelude-block   = header-doc *collection-metadata-doc FF FF FF FF
 * namespace-block = ns-header{EOF:false, CRC:0} *bson-doc FF FF FF FF
 *                 | ns-header{EOF:true, CRC:crc64} FF FF FF FF
 * header-doc      = {concurrent_collections: int32, version: "0.1", server_version, tool_version}
 * collection-metadata-doc = {db, collection, metadata: canonical JSON string, size: int32, type}
 * ns-header       = {db: string, collection: string, EOF: bool, CRC: int64}   exactly these keys
 * </pre>
 *
 * The CRC is CRC-64/XZ over the bytes of every document of a namespace, all segments together.
 * {@link io.restore.dump.archive.ArchiveWriter} alone owns the stream; {@link
 * io.restore.dump.archive.ArchiveVerifier} re-reads an archive and checks every CRC-64 ({@code
 * verify}), or, while the dump is still writing it, checks what reached the disk against the
 * writer's checksums ({@code readBack}).
 */
package io.restore.dump.archive;
