package io.restore.dump.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;

/** Joining the CRCs of two pieces equals the CRC of both, for CRC-32 and CRC-64/XZ. */
class CrcCombineTest {
  @Test
  void combinedCrcsEqualTheCrcOfTheWholeOnRandomSplits() {
    Random rnd = new Random(16);
    for (int round = 0; round < 300; round++) {
      byte[] data = new byte[rnd.nextInt(round < 50 ? 64 : 200_000)];
      rnd.nextBytes(data);
      int split = data.length == 0 ? 0 : rnd.nextInt(data.length + 1);
      int rest = data.length - split;

      CRC32 whole32 = new CRC32();
      whole32.update(data);
      CRC32 a32 = new CRC32();
      a32.update(data, 0, split);
      CRC32 b32 = new CRC32();
      b32.update(data, split, rest);
      assertThat(CrcCombine.CRC32.combine(a32.getValue(), b32.getValue(), rest))
          .as("CRC-32, %d bytes split at %d", data.length, split)
          .isEqualTo(whole32.getValue());

      long whole64 = new Crc64().update(data).value();
      long a64 = new Crc64().update(data, 0, split).value();
      long b64 = new Crc64().update(data, split, rest).value();
      assertThat(CrcCombine.CRC64.combine(a64, b64, rest))
          .as("CRC-64, %d bytes split at %d", data.length, split)
          .isEqualTo(whole64);
    }
  }

  @Test
  void lengthsBeyondFourGigabytesUseTheHighPowers() {
    // appending 2^32 zero bytes to "123456789", combined vs. combining 2^31 twice
    long check = new Crc64().update("123456789".getBytes()).value();
    long zeros31 = zeroCrc64(1L << 31);
    long zeros32 = CrcCombine.CRC64.combine(zeros31, zeros31, 1L << 31);
    assertThat(CrcCombine.CRC64.combine(check, zeros32, 1L << 32))
        .isEqualTo(
            CrcCombine.CRC64.combine(
                CrcCombine.CRC64.combine(check, zeros31, 1L << 31), zeros31, 1L << 31));
  }

  /** CRC-64 of n zero bytes, by doubling from 1 MiB. */
  private static long zeroCrc64(long n) {
    long len = 1 << 20;
    long crc = new Crc64().update(new byte[(int) len]).value();
    while (len < n) {
      crc = CrcCombine.CRC64.combine(crc, crc, len);
      len *= 2;
    }
    return crc;
  }
}
