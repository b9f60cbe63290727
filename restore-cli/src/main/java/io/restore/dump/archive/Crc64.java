package io.restore.dump.archive;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * CRC-64/XZ (Go's {@code crc64.ECMA} table as mongodump uses it): reflected polynomial
 * 0xC96C5795D7870F42, init and xorout all ones; the check value of "123456789" is
 * 0x995DC9BBDF1939FA. Table-driven (Java 17 has no carry-less multiply): long inputs go in stripes
 * of {@value #LANES} lanes of {@value #LANE} bytes, each lane slicing-by-8 with a register of its
 * own, so that the CPU works on four independent chains of table lookups instead of waiting on one;
 * the lanes' registers are then joined by multiplying by x^(8 × LANE) modulo the polynomial
 * (byte-wise tables, {@link CrcCombine}'s algebra). Short inputs and the tail go slicing-by-16 over
 * one flat table. See docs/benchmarks.md, "Dump", for the speeds against XZ for Java's CRC64.
 *
 * <p>Table indexes are written {@code base + (x & 0xFF)}, never {@code base | (x & 0xFF)}: C2
 * derives the range of a sum and drops the array bounds checks, but not of an OR (that alone was
 * 1.7× here).
 */
public final class Crc64 {
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

  /** Independent registers per stripe: enough to cover a table lookup's latency. */
  static final int LANES = 4;

  /** Bytes per lane; a multiple of 8. Large enough that joining the lanes costs little. */
  static final int LANE = 4096;

  private static final int STRIPE = LANES * LANE;

  /** S[j * 256 + b]: (b × x^(8j)) × x^(8 × LANE) mod P — appends LANE zero bytes to a register. */
  private static final long[] S = new long[8 * 256];

  static {
    long shift = CrcCombine.CRC64.shiftFor(LANE);
    for (int j = 0; j < 8; j++) {
      for (int b = 0; b < 256; b++) {
        S[j * 256 + b] = CrcCombine.CRC64.multiply(shift, (long) b << (8 * j));
      }
    }
  }

  private long crc = ~0L;

  public Crc64 update(byte[] b, int off, int len) {
    java.util.Objects.checkFromIndexSize(off, len, b.length);
    long c = crc;
    int i = off;
    int end = off + len;
    long[] t = T;
    while (end - i >= STRIPE) {
      c = stripe(b, i, c);
      i += STRIPE;
    }
    while (end - i >= 16) {
      long a = (long) LONG_LE.get(b, i) ^ c;
      long d = (long) LONG_LE.get(b, i + 8);
      c =
          t[0xF00 + (int) (a & 0xFF)]
              ^ t[0xE00 + (int) ((a >>> 8) & 0xFF)]
              ^ t[0xD00 + (int) ((a >>> 16) & 0xFF)]
              ^ t[0xC00 + (int) ((a >>> 24) & 0xFF)]
              ^ t[0xB00 + (int) ((a >>> 32) & 0xFF)]
              ^ t[0xA00 + (int) ((a >>> 40) & 0xFF)]
              ^ t[0x900 + (int) ((a >>> 48) & 0xFF)]
              ^ t[0x800 + (int) (a >>> 56)]
              ^ t[0x700 + (int) (d & 0xFF)]
              ^ t[0x600 + (int) ((d >>> 8) & 0xFF)]
              ^ t[0x500 + (int) ((d >>> 16) & 0xFF)]
              ^ t[0x400 + (int) ((d >>> 24) & 0xFF)]
              ^ t[0x300 + (int) ((d >>> 32) & 0xFF)]
              ^ t[0x200 + (int) ((d >>> 40) & 0xFF)]
              ^ t[0x100 + (int) ((d >>> 48) & 0xFF)]
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

  /** The register after {@code STRIPE} bytes at {@code at}, from register {@code c}. */
  private static long stripe(byte[] b, int at, long c) {
    long[] t = T;
    long c1 = 0;
    long c2 = 0;
    long c3 = 0; // lanes 1-3 start from a zero register; lane 0 continues c
    for (int i = at, last = at + LANE; i < last; i += 8) {
      long a0 = (long) LONG_LE.get(b, i) ^ c;
      long a1 = (long) LONG_LE.get(b, i + LANE) ^ c1;
      long a2 = (long) LONG_LE.get(b, i + 2 * LANE) ^ c2;
      long a3 = (long) LONG_LE.get(b, i + 3 * LANE) ^ c3;
      c = slice8(t, a0);
      c1 = slice8(t, a1);
      c2 = slice8(t, a2);
      c3 = slice8(t, a3);
    }
    // register(A ‖ B) = register(A) × x^(8|B|) ⊕ register of B from zero
    return shiftLane(shiftLane(shiftLane(c) ^ c1) ^ c2) ^ c3;
  }

  /** The register after 8 more bytes whose XOR with the register is {@code a}. */
  private static long slice8(long[] t, long a) {
    return t[0x700 + (int) (a & 0xFF)]
        ^ t[0x600 + (int) ((a >>> 8) & 0xFF)]
        ^ t[0x500 + (int) ((a >>> 16) & 0xFF)]
        ^ t[0x400 + (int) ((a >>> 24) & 0xFF)]
        ^ t[0x300 + (int) ((a >>> 32) & 0xFF)]
        ^ t[0x200 + (int) ((a >>> 40) & 0xFF)]
        ^ t[0x100 + (int) ((a >>> 48) & 0xFF)]
        ^ t[(int) (a >>> 56)];
  }

  /** r × x^(8 × LANE) mod P. */
  private static long shiftLane(long r) {
    long[] s = S;
    return s[(int) (r & 0xFF)]
        ^ s[0x100 + (int) ((r >>> 8) & 0xFF)]
        ^ s[0x200 + (int) ((r >>> 16) & 0xFF)]
        ^ s[0x300 + (int) ((r >>> 24) & 0xFF)]
        ^ s[0x400 + (int) ((r >>> 32) & 0xFF)]
        ^ s[0x500 + (int) ((r >>> 40) & 0xFF)]
        ^ s[0x600 + (int) ((r >>> 48) & 0xFF)]
        ^ s[0x700 + (int) (r >>> 56)];
  }

  public Crc64 update(byte[] b) {
    return update(b, 0, b.length);
  }

  /** The checksum so far, as mongodump stores it (the uint64 bits in a BSON int64). */
  public long value() {
    return ~crc;
  }
}
