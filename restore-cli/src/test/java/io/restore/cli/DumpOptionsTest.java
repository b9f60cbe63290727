package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.dump.DumpRequest;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DumpOptionsTest {
  private static DumpRequest request(String... args) {
    DumpOptions o = new DumpOptions();
    new CommandLine(o).parseArgs(args);
    return o.toRequest();
  }

  @Test
  void includeOrphansReachesTheRequestAndIsOffByDefault() {
    assertThat(request("--out", "d").includeOrphans()).isFalse();
    assertThat(request("--out", "d", "--include-orphans").includeOrphans()).isTrue();
    assertThat(request("--archive=a", "--include-orphans").includeOrphans()).isTrue();
  }
}
