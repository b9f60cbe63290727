package io.restore.dump.storage;

import java.io.IOException;
import java.util.List;

/**
 * One store's side of a staged upload: parts sent as they fill, each with its checksum so the
 * service verifies it, then a single commit that makes the object appear under its name, or an
 * abort that leaves nothing behind. Implementations are called from several threads for {@link
 * #uploadPart} (bounded by {@link PartedUpload}) and from one thread for the rest.
 */
interface PartStore extends AutoCloseable {
  /** Refuses an existing object unless overwriting; starts the upload session. */
  void begin(boolean overwrite) throws IOException;

  /** The checksum the service verifies for each part, computed by {@link PartedUpload}. */
  Checksum partChecksum();

  /**
   * Sends part {@code number} (1-based); returns what the commit needs to name it. The part's
   * buffer is reused once this returns, except for the {@linkplain Part#last() last} part, which
   * stays untouched until the upload is committed or aborted.
   */
  String uploadPart(int number, Part part) throws IOException;

  /** Makes the object visible under its final name, with the parts in order. */
  void commit(List<String> parts, String sha256Hex) throws IOException;

  /** Drops everything sent so far; never throws. */
  void abort();

  /** Releases the client; never throws. */
  @Override
  void close();

  /**
   * Per-part checksums: each store asks only for the one its service verifies, so no pass over the
   * bytes is wasted (Content-MD5 is ~0.7 GB/s here, CRC-32C tens of GB/s).
   */
  enum Checksum {
    /** Nothing per part (Cloud Storage: the whole object's CRC-32C is sent with the last chunk). */
    NONE,
    /** Content-MD5 (Azure Put Block). */
    MD5,
    /** CRC-32C, big-endian (S3 {@code x-amz-checksum-crc32c}). */
    CRC32C
  }

  /**
   * One part: {@code length} bytes of {@code data}, the {@link #partChecksum()} of them (empty for
   * none), and whether it is the object's last part (sent by {@code close()} of the stream).
   */
  record Part(byte[] data, int length, byte[] checksum, boolean last) {}
}
