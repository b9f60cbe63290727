package io.restore.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SnapshotTimesTest {
  private static final Instant T = Instant.parse("2026-11-30T02:00:00Z");

  @Test
  void componentsWithinTheToleranceAndComponentsWithoutAnOplogPass() {
    Map<String, Optional<Instant>> times = new LinkedHashMap<>();
    times.put("cfg", Optional.of(T));
    times.put("s0", Optional.of(T.plusSeconds(12)));
    times.put("s1", Optional.of(T.plus(SnapshotTimes.TOLERANCE)));
    times.put("s2", Optional.empty());
    SnapshotTimes.check(times);
    SnapshotTimes.check(Map.of("a", Optional.empty(), "b", Optional.empty()));
  }

  @Test
  void aComponentFurtherApartIsRefusedListingEveryTime() {
    Map<String, Optional<Instant>> times = new LinkedHashMap<>();
    times.put("cfg", Optional.of(T));
    times.put("s0", Optional.of(T.minusSeconds(6 * 3600)));
    times.put("s1", Optional.empty());
    assertThatThrownBy(() -> SnapshotTimes.check(times))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("360 minutes apart")
        .hasMessageContaining("cfg at 2026-11-30T02:00:00Z")
        .hasMessageContaining("s0 at 2026-11-29T20:00:00Z")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.SNAPSHOT));
  }
}
