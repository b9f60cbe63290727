package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The API's answers are read strictly where it matters and cheaply whatever they hold. */
class AtlasJsonTest {
  static SnapshotInfo snapshot(String json) {
    return AtlasJson.snapshot(AtlasJson.object(json, "test"), "test");
  }

  @Test
  void aCraftedSizeCostsNothingAndReadsAsUnknown() {
    assertThat(snapshot("{\"id\":\"a\",\"storageSizeBytes\":1e999999999}").storageSizeBytes())
        .isEqualTo(-1);
    assertThat(snapshot("{\"id\":\"a\",\"storageSizeBytes\":1234}").storageSizeBytes())
        .isEqualTo(1234);
  }

  @Test
  void notJsonOrNoIdIsAnAtlasErrorWithoutTheBody() {
    RestoreException e =
        catchThrowableOfType(
            () -> AtlasJson.object("<html>proxy</html>", "x"), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.ATLAS);
    assertThat(e.getMessage()).doesNotContain("proxy");
    assertThat(
            catchThrowableOfType(
                () -> snapshot("{\"status\":\"completed\"}"), RestoreException.class))
        .hasMessageContaining("a snapshot without id");
    assertThat(
            catchThrowableOfType(
                () -> snapshot("{\"id\":\"a\",\"createdAt\":\"yesterday\"}"),
                RestoreException.class))
        .hasMessageContaining("unreadable createdAt");
  }

  @Test
  void aShardedJobIsReadyOnlyWhenEveryComponentHasItsLink() {
    RestoreJob half =
        new RestoreJob(
            "j",
            List.of(),
            List.of(
                new RestoreJob.Component("s0", Optional.of("https://x/a.tar.gz")),
                new RestoreJob.Component("s1", Optional.empty())),
            false,
            false,
            false,
            Optional.empty(),
            Optional.of("download"),
            Optional.empty(),
            Optional.empty());
    assertThat(half.ready()).isFalse();
    assertThat(half.multiComponent()).isTrue();
    assertThat(half.state()).isEqualTo("preparing the download");
  }
}
