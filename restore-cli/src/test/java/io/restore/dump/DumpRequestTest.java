package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DumpRequestTest {
  private static final DumpRequest BASE = DumpRequest.of(new DumpOutput.Directory(Path.of("out")));

  @ParameterizedTest
  @CsvSource({
    "0, 1, --parallel-collections 0 is out of range, use a value from 1 to 64",
    "65, 1, --parallel-collections 65 is out of range, use a value from 1 to 64",
    "4, 0, --compression-level 0 is out of range, use a value from 1 to 9",
    "4, 10, --compression-level 10 is out of range, use a value from 1 to 9"
  })
  void anOutOfRangeNumberIsAUsageErrorNamingTheFlagAndTheRange(
      int parallel, int level, String what, String next) {
    assertThatThrownBy(
            () ->
                new DumpRequest(
                    BASE.output(),
                    NamespaceFilter.ALL,
                    true,
                    level,
                    parallel,
                    false,
                    Optional.empty(),
                    DumpTool.BUILTIN,
                    "1.0",
                    false,
                    Optional.empty()))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).isEqualTo(what);
              assertThat(e.nextStep()).startsWith(next);
            });
  }

  @Test
  void eachWitherChangesOnlyItsField() {
    Path summary = Path.of("s.json");
    DumpRequest r =
        BASE.withGzip(true)
            .withOverwrite(true)
            .withParallelCollections(8)
            .withSummaryJson(summary)
            .withTool(DumpTool.MONGODUMP)
            .withIncludeOrphans(true)
            .withSnapshot(DumpSnapshot.UNKNOWN);

    assertThat(r)
        .isEqualTo(
            new DumpRequest(
                BASE.output(),
                NamespaceFilter.ALL,
                true,
                DumpRequest.DEFAULT_COMPRESSION_LEVEL,
                8,
                true,
                Optional.of(summary),
                DumpTool.MONGODUMP,
                "unknown",
                true,
                Optional.of(DumpSnapshot.UNKNOWN)));
    assertThat(BASE.withGzip(true).withGzip(false)).isEqualTo(BASE);
  }
}
