package io.restore.dump.archive;

/**
 * CRC-64/XZ (Go's {@code crc64.ECMA} table as mongodump uses it): reflected polynomial
 * 0xC96C5795D7870F42, init and xorout all ones; the check value of "123456789" is
 * 0x995DC9BBDF1939FA. Slicing-by-8 so that checksumming never limits a dump.
 */
public final class Crc64 {
  private static final long POLY = 0xC96C5795D7870F42L;
  private static final long[][] TABLE = new long[8][256];

  static {
    for (int i = 0; i < 256; i++) {
      long crc = i;
      for (int k = 0; k < 8; k++) {
        crc = (crc & 1) != 0 ? (crc >>> 1) ^ POLY : crc >>> 1;
      }
      TABLE[0][i] = crc;
    }
    for (int i = 0; i < 256; i++) {
      for (int t = 1; t < 8; t++) {
        long prev = TABLE[t - 1][i];
        TABLE[t][i] = (prev >>> 8) ^ TABLE[0][(int) (prev & 0xFF)];
      }
    }
  }

  private long crc = ~0L;

  public Crc64 update(byte[] b, int off, int len) {
    long c = crc;
    int i = off;
    int end = off + len;
    while (end - i >= 8) {
      c ^=
          (b[i] & 0xFFL)
              | (b[i + 1] & 0xFFL) << 8
              | (b[i + 2] & 0xFFL) << 16
              | (b[i + 3] & 0xFFL) << 24
              | (b[i + 4] & 0xFFL) << 32
              | (b[i + 5] & 0xFFL) << 40
              | (b[i + 6] & 0xFFL) << 48
              | (b[i + 7] & 0xFFL) << 56;
      c =
          TABLE[7][(int) (c & 0xFF)]
              ^ TABLE[6][(int) ((c >>> 8) & 0xFF)]
              ^ TABLE[5][(int) ((c >>> 16) & 0xFF)]
              ^ TABLE[4][(int) ((c >>> 24) & 0xFF)]
              ^ TABLE[3][(int) ((c >>> 32) & 0xFF)]
              ^ TABLE[2][(int) ((c >>> 40) & 0xFF)]
              ^ TABLE[1][(int) ((c >>> 48) & 0xFF)]
              ^ TABLE[0][(int) (c >>> 56)];
      i += 8;
    }
    while (i < end) {
      c = TABLE[0][(int) ((c ^ b[i]) & 0xFF)] ^ (c >>> 8);
      i++;
    }
    crc = c;
    return this;
  }

  public Crc64 update(byte[] b) {
    return update(b, 0, b.length);
  }

  /** The checksum so far, as mongodump stores it (the uint64 bits in a BSON int64). */
  public long value() {
    return ~crc;
  }
}
