package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** How many mongods start at once: the formula of docs/design/sharding.md. */
class MongodBudgetTest {
  private static final long GIB = 1L << 30;

  @Test
  void theFlagWinsButNeverExceedsTheComponents() {
    List<Long> sizes = List.of(1L, 1L, 1L, 1L);
    assertThat(MongodBudget.parallel(OptionalInt.of(2), sizes, OptionalLong.of(64 * GIB)))
        .isEqualTo(2);
    assertThat(MongodBudget.parallel(OptionalInt.of(9), sizes, OptionalLong.of(1))).isEqualTo(4);
  }

  @Test
  void halfTheAvailableMemoryOverHalfAGibibytePlusATenthOfTheLargestSnapshot() {
    // per start: 512 MiB + 10 GiB / 10 = 1.5 GiB; half of 8 GiB fits 2
    List<Long> sizes = List.of(10 * GIB, GIB, GIB, GIB);
    assertThat(MongodBudget.parallel(OptionalInt.empty(), sizes, OptionalLong.of(8 * GIB)))
        .isEqualTo(2);
    // plenty of memory: all four; very little: still one
    assertThat(MongodBudget.parallel(OptionalInt.empty(), sizes, OptionalLong.of(256 * GIB)))
        .isEqualTo(4);
    assertThat(MongodBudget.parallel(OptionalInt.empty(), sizes, OptionalLong.of(GIB / 4)))
        .isEqualTo(1);
  }

  @Test
  void unknownMemoryStartsTwoAtATime() {
    assertThat(
            MongodBudget.parallel(OptionalInt.empty(), List.of(1L, 1L, 1L), OptionalLong.empty()))
        .isEqualTo(2);
    assertThat(MongodBudget.availableMemory()).isPresent(); // Linux: /proc/meminfo
  }
}
