package io.restore.dump.archive;

/**
 * Joins the CRCs of two adjacent pieces of data without reading them again: {@code crc(A ‖ B)} from
 * {@code crc(A)}, {@code crc(B)} and the length of B (zlib's {@code crc32_combine}, in its x^(2^k)
 * mod P form). For reflected CRCs with init and xorout all ones — CRC-32 (gzip) and CRC-64/XZ
 * alike: appending {@code n} bytes to A multiplies A's register by x^(8n) modulo the polynomial,
 * which costs a few dozen carry-less multiplications by precomputed powers, not {@code n} table
 * lookups. This lets independent threads or independent streams each checksum a part.
 */
public final class CrcCombine {
  /** CRC-32 of gzip and zip (java.util.zip.CRC32), reflected polynomial. */
  public static final CrcCombine CRC32 = new CrcCombine(0xEDB88320L, 32);

  /** CRC-64/XZ ({@link Crc64}), reflected polynomial. */
  public static final CrcCombine CRC64 = new CrcCombine(0xC96C5795D7870F42L, 64);

  private final long poly;
  private final long top; // x^0 in the reflected representation
  private final long[] x2n = new long[64]; // x2n[k] = x^(2^k) mod P

  private CrcCombine(long poly, int width) {
    this.poly = poly;
    this.top = 1L << (width - 1);
    long p = top >>> 1; // x^1
    x2n[0] = p;
    for (int k = 1; k < x2n.length; k++) {
      p = multiply(p, p);
      x2n[k] = p;
    }
  }

  /** {@code crc(A ‖ B)} from {@code crc(A)}, {@code crc(B)} and B's length in bytes. */
  public long combine(long crcA, long crcB, long lengthB) {
    return multiply(shiftFor(lengthB), crcA) ^ crcB;
  }

  /**
   * x^(8 × length) mod P: what {@link #shift} multiplies a CRC register by to append {@code length}
   * zero bytes. Compute it once when many registers are shifted by the same length.
   */
  public long shiftFor(long length) {
    long p = top; // x^0
    int k = 3; // bytes to bits: x^(n × 2^3)
    for (long n = length; n != 0; n >>>= 1, k++) {
      if ((n & 1) != 0) {
        p = multiply(x2n[k & 63], p);
      }
    }
    return p;
  }

  /** {@code crc(A ‖ B)} with a precomputed {@link #shiftFor}(B's length). */
  public long combineShifted(long crcA, long crcB, long shiftForB) {
    return multiply(shiftForB, crcA) ^ crcB;
  }

  /** a × b modulo P, both reflected (bit {@code width-1} is x^0); {@code a} must not be 0. */
  long multiply(long a, long b) {
    long m = top;
    long p = 0;
    while (true) {
      if ((a & m) != 0) {
        p ^= b;
        if ((a & (m - 1)) == 0) {
          return p;
        }
      }
      m >>>= 1;
      b = (b & 1) != 0 ? (b >>> 1) ^ poly : b >>> 1;
    }
  }
}
