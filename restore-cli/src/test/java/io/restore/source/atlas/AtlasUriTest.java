package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AtlasUriTest {
  static final String P = "5f1e2d3c4b5a69788796a5b4";

  @Test
  void readsTheThreeForms() {
    assertThat(AtlasUri.parse("atlas://" + P + "/Cluster0"))
        .isEqualTo(new AtlasUri(P, "Cluster0", Optional.empty()));
    assertThat(AtlasUri.parse("atlas://" + P + "/Cluster0/latest"))
        .isEqualTo(new AtlasUri(P, "Cluster0", Optional.empty()));
    assertThat(AtlasUri.parse("ATLAS://" + P + "/prod-1/6a0000000000000000000007/"))
        .isEqualTo(new AtlasUri(P, "prod-1", Optional.of("6a0000000000000000000007")));
    assertThat(AtlasUri.parseCluster(P + "/Cluster0").cluster()).isEqualTo("Cluster0");
    assertThat(AtlasUri.isAtlas("atlas://x")).isTrue();
    assertThat(AtlasUri.isAtlas("/data/atlas://x")).isFalse();
  }

  @Test
  void refusesWhatIsNotAnAtlasSourceWithAUsageError() {
    assertUsage("atlas://" + P, "needs a project id and a cluster name");
    assertUsage("atlas://" + P + "/c/d/e", "needs a project id and a cluster name");
    assertUsage("atlas://5F1E2D3C4B5A69788796A5B4/c", "is not a 24-digit hex id");
    assertUsage("atlas://my-project/c", "the project id 'my-project'");
    assertUsage("atlas://" + P + "/-bad", "is not a valid Atlas cluster name");
    assertUsage("atlas://" + P + "/c/123", "the snapshot id '123'");
  }

  private static void assertUsage(String arg, String text) {
    RestoreException e = catchThrowableOfType(() -> AtlasUri.parse(arg), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage()).contains(text);
    assertThat(e.nextStep()).isNotBlank();
  }
}
