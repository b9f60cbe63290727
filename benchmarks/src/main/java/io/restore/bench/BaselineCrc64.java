package io.restore.bench;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Issue 16's reference: {@code io.restore.dump.archive.Crc64} as it was at commit 0e3b847, kept
 * verbatim so that old and new run in the same benchmark run.
 *
 * <p>CRC-64/XZ (Go's {@code crc64.ECMA} table as mongodump uses it): reflected polynomial
 * 0xC96C5795D7870F42, init and xorout all ones; the check value of "123456789" is
 * 0x995DC9BBDF1939FA. Slicing-by-16 over one flat table, 16 bytes read as two little-endian longs
 * per step: about 3× the table-of-tables slicing-by-8 it replaced, and faster than XZ for Java's
 * CRC64 (docs/benchmarks.md, "Dump"), so that checksumming an archive twice (writing, then
 * verifying what is on disk) stays a small part of a dump.
 */
public final class BaselineCrc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  /** T[k * 256 + b]: the CRC of byte b followed by k zero bytes. */
  private static final long[] T = new long[16 * 256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
      }
      T[i] = crc;
    }
    for (int t = 1; t < 16; t++) {
      for (int i = 0; i < 256; i++) {
        long prev = T[(t - 1) * 256 + i];
        T[t * 256 + i] = (prev >>> 8) ^ T[(int) (prev & 0xFF)];
      }
    }
  }

  private long crc = ~0L;

  public BaselineCrc64 update(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    long c = crc;
    int i = off;
    int end = off + len;
    long[] t = T;
    while (end - i >= 16) {
      long a = (long) LONG_LE.get(b, i) ^ c;
      long d = (long) LONG_LE.get(b, i + 8);
      c =
          t[0xF00 | (int) (a & 0xFF)]
              ^ t[0xE00 | (int) ((a >>> 8) & 0xFF)]
              ^ t[0xD00 | (int) ((a >>> 16) & 0xFF)]
              ^ t[0xC00 | (int) ((a >>> 24) & 0xFF)]
              ^ t[0xB00 | (int) ((a >>> 32) & 0xFF)]
              ^ t[0xA00 | (int) ((a >>> 40) & 0xFF)]
              ^ t[0x900 | (int) ((a >>> 48) & 0xFF)]
              ^ t[0x800 | (int) (a >>> 56)]
              ^ t[0x700 | (int) (d & 0xFF)]
              ^ t[0x600 | (int) ((d >>> 8) & 0xFF)]
              ^ t[0x500 | (int) ((d >>> 16) & 0xFF)]
              ^ t[0x400 | (int) ((d >>> 24) & 0xFF)]
              ^ t[0x300 | (int) ((d >>> 32) & 0xFF)]
              ^ t[0x200 | (int) ((d >>> 40) & 0xFF)]
              ^ t[0x100 | (int) ((d >>> 48) & 0xFF)]
              ^ t[(int) (d >>> 56)];
      i += 16;
    }
    while (i < end) {
      c = t[(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
      i++;
    }
    crc = c;
    return this;
  }

  public BaselineCrc64 update(byte[] b) {
    return update(b, 0, b.length);
  }

  /** The checksum so far, as mongodump stores it (the uint64 bits in a BSON int64). */
  public long value() {
    return ~crc;
  }
}
