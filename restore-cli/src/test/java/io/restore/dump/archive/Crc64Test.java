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
