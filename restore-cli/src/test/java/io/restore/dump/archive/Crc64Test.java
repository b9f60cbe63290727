package io.restore.dump.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

class Crc64Test {
  @Test
  void checkValueOf123456789IsTheCrc64XzOne() {
    byte[] check = "123456789".getBytes(StandardCharsets.US_ASCII);
    assertThat(new Crc64().update(check).value()).isEqualTo(0x995DC9BBDF1939FAL);
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
