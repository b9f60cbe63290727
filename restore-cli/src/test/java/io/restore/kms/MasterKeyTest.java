package io.restore.kms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MasterKeyTest {
  private static byte[] key() {
    byte[] b = new byte[32];
    Arrays.fill(b, (byte) 7);
    return b;
  }

  @Test
  void holdsExactly32Bytes() {
    assertThatThrownBy(() -> MasterKey.copyOf(new byte[31]))
        .isInstanceOf(IllegalArgumentException.class);
    byte[] wrong = {1, 2, 3};
    assertThatThrownBy(() -> MasterKey.takeFrom(wrong))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(wrong).containsOnly(0);
  }

  @Test
  void closeZeroesTheBytesAndRefusesFurtherUse() {
    MasterKey k = MasterKey.copyOf(key());
    assertThat(k.allZero()).isFalse();
    k.close();
    assertThat(k.allZero()).isTrue();
    assertThat(k.isClosed()).isTrue();
    assertThatThrownBy(k::copyBytes).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(k::fingerprint).isInstanceOf(IllegalStateException.class);
    k.close(); // idempotent
  }

  @Test
  void takeFromZeroesTheCallersArrayAndCopiesAreIndependent() {
    byte[] b = key();
    try (MasterKey k = MasterKey.takeFrom(b)) {
      assertThat(b).containsOnly(0);
      byte[] copy = k.copyBytes();
      Arrays.fill(copy, (byte) 0);
      assertThat(k.copyBytes()).isEqualTo(key());
    }
  }

  @Test
  void fingerprintIsSha256HexAndToStringIsRedacted() {
    try (MasterKey k = MasterKey.copyOf(new byte[32])) {
      // SHA-256 of 32 zero bytes
      assertThat(k.fingerprint())
          .isEqualTo("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
      assertThat(k.toString()).isEqualTo("MasterKey[redacted]");
    }
  }
}
