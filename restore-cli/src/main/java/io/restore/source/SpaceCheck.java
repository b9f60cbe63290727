package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * Will the extracted snapshot fit? Checked before the first byte is written, with the best estimate
 * available: gzip's trailer (ISIZE, the uncompressed size modulo 4 GiB, so only for files under 4
 * GiB), else the compressed size times {@link #RATIO}. Snapshot data is encrypted and does not
 * compress, so the ratio is close to 1; each entry's own size is checked again as it arrives.
 */
final class SpaceCheck {
  /** Extracted size per compressed byte when nothing better is known (encrypted data: ~1). */
  static final double RATIO = 1.0;

  private static final long FOUR_GIB = 1L << 32;

  private SpaceCheck() {}

  /** The extracted size of a local archive: ISIZE when it can be trusted, else size × ratio. */
  static long estimateFile(Path archive) throws IOException {
    long size = Files.size(archive);
    OptionalLong isize = size < FOUR_GIB ? gzipTrailerSize(archive) : OptionalLong.empty();
    // a multi-member gzip's trailer counts only the last member: never estimate below the file
    return Math.max(isize.orElse(0), (long) (size * RATIO));
  }

  static long estimateDownload(long contentLength) {
    return (long) (contentLength * RATIO);
  }

  /** The last 4 bytes of a gzip file, little-endian: the last member's uncompressed size. */
  static OptionalLong gzipTrailerSize(Path archive) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(archive.toFile(), "r")) {
      if (f.length() < 18 || f.readUnsignedByte() != 0x1f || f.readUnsignedByte() != 0x8b) {
        return OptionalLong.empty();
      }
      f.seek(f.length() - 4);
      byte[] b = new byte[4];
      f.readFully(b);
      long v = (b[0] & 0xffL) | (b[1] & 0xffL) << 8 | (b[2] & 0xffL) << 16 | (b[3] & 0xffL) << 24;
      return OptionalLong.of(v);
    }
  }

  /** Stops before extracting when the estimate exceeds the free space of the work folder. */
  static void require(long estimate, Path workDir, FreeSpace free, String what) {
    long usable;
    try {
      usable = free.usable(workDir);
    } catch (IOException e) {
      return; // unknown: the per-entry check still guards every write
    }
    if (estimate > usable) {
      throw new RestoreException(
          ExitCode.FAILURE,
          what
              + " needs about "
              + Bytes.human(estimate)
              + " once extracted, but "
              + workDir.getParent()
              + " has only "
              + Bytes.human(usable)
              + " free",
          "pass --work-dir DIR on a filesystem with at least "
              + Bytes.human(estimate)
              + " free (or set $"
              + Sources.WORK_DIR_ENV
              + ")");
    }
  }
}
