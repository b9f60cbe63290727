package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How many components are fetched at once ({@code RESTORE_PARALLEL_DOWNLOADS}). */
class ClusterSourcesTest {
  @Test
  void fourAtOnceUnlessTheEnvironmentSaysOtherwise() {
    assertThat(ClusterSources.parallel(Map.of())).isEqualTo(4);
    assertThat(ClusterSources.parallel(Map.of(ClusterSources.PARALLEL_ENV, " 1 "))).isEqualTo(1);
    assertThat(ClusterSources.parallel(Map.of(ClusterSources.PARALLEL_ENV, "16"))).isEqualTo(16);
  }

  @Test
  void aValueOutOfRangeIsAUsageError() {
    for (String v : new String[] {"0", "65", "many", "-2"}) {
      RestoreException e =
          catchThrowableOfType(
              () -> ClusterSources.parallel(Map.of(ClusterSources.PARALLEL_ENV, v)),
              RestoreException.class);
      assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(e.getMessage())
          .isEqualTo(
              "RESTORE_PARALLEL_DOWNLOADS=" + v + " is not a number of downloads from 1 to 64");
    }
  }
}
