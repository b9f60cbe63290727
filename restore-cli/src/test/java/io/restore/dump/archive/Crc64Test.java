package io.restore.dump.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tukaani.xz.check.CRC64;

class Crc64Test {
  @Test
  void checkValueOf123456789IsTheCrc64XzOne() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(new Crc64().update(check).value()).isEqualTo(0x995DC9BBDF1939FAL);
  }

  @Test
  void matchesXzForJavasCrc64OnEveryShortLengthAndOffset() {
    byte[] data = new byte[(1 << 20) + 333];
    new Random(7).nextBytes(data);
    for (int off = 0; off < 17; off++) {
      for (int len = 0; len <= 300; len++) {
        assertThat(new Crc64().update(data, off, len).value())
            .as("offset %d length %d", off, len)
            .isEqualTo(xz(data, off, len));
      }
    }
    assertThat(new Crc64().update(data).value()).isEqualTo(xz(data, 0, data.length));
  }

  /** XZ for Java's CRC-64 (org.tukaani.xz.check.CRC64): the same CRC-64/XZ, little-endian bytes. */
  private static long xz(byte[] b, int off, int len) {
    CRC64 c = new CRC64();
    c.update(b, off, len);
    byte[] le = c.finish();
    long v = 0;
    for (int i = 7; i >= 0; i--) {
      v = (v << 8) | (le[i] & 0xFF);
    }
    return v;
  }

  /**
   * Lengths around and across the striped path, at random offsets and split into random updates.
   */
  @Test
  void matchesXzForJavasCrc64OnRandomLengthsOffsetsAndSplits() {
    Random rnd = new Random(16);
    byte[] data = new byte[(1 << 20) + 4096];
    rnd.nextBytes(data);
    int stripe = Crc64.LANES * Crc64.LANE;
    for (int round = 0; round < 400; round++) {
      int len =
          switch (round % 4) {
            case 0 -> stripe + rnd.nextInt(33) - 16; // just around one stripe
            case 1 -> rnd.nextInt(4 * stripe);
            case 2 -> (1 + rnd.nextInt(8)) * stripe + rnd.nextInt(64) - 32;
            default -> rnd.nextInt(1 << 20);
          };
      len = Math.max(0, len);
      int off = rnd.nextInt(data.length - len + 1);
      Crc64 pieces = new Crc64();
      int at = off;
      while (at < off + len) {
        int n = Math.min(off + len - at, 1 + rnd.nextInt(rnd.nextBoolean() ? 100 : 3 * stripe));
        pieces.update(data, at, n);
        at += n;
      }
      long expected = xz(data, off, len);
      assertThat(new Crc64().update(data, off, len).value())
          .as("offset %d length %d", off, len)
          .isEqualTo(expected);
      assertThat(pieces.value()).as("offset %d length %d in pieces", off, len).isEqualTo(expected);
    }
  }

  @Test
  void emptyInputIsZero() {
    assertThat(new Crc64().value()).isZero();
  }

  @Test
  void slicedUpdatesEqualOneUpdateAndTheBitwiseDefinition() {
    byte[] data = new byte[10_007];
    new Random(42).nextBytes(data);
    Crc64 pieces = new Crc64();
    for (int at = 0; at < data.length; at += 13) {
      pieces.update(data, at, Math.min(13, data.length - at));
    }
    long bitwise = -1L;
    for (byte b : data) {
      bitwise ^= b & 0xFF;
      for (int k = 0; k < 8; k++) {
        bitwise = (bitwise & 1) == 1 ? (bitwise >>> 1) ^ 0xC96C5795D7870F42L : bitwise >>> 1;
      }
    }
    assertThat(pieces.value()).isEqualTo(new Crc64().update(data).value()).isEqualTo(~bitwise);
  }
}
