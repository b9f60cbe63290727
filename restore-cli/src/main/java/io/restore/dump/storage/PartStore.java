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

  /** Sends part {@code number} (1-based); returns what the commit needs to name it. */
  String uploadPart(int number, Part part) throws IOException;

  /** Makes the object visible under its final name, with the parts in order. */
  void commit(List<String> parts, String sha256Hex) throws IOException;

  /** Drops everything sent so far; never throws. */
  void abort();

  /** Releases the client; never throws. */
  @Override
  void close();

  /** One part: bytes plus the digests the services check. */
  record Part(byte[] data, int length, byte[] md5, byte[] sha256) {}
}
