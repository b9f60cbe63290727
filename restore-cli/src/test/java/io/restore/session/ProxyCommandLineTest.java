package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The mongod command line {@code restore proxy} prints pastes into a shell as is. */
class ProxyCommandLineTest {
  @TempDir Path tmp;
  @TempDir Path state;
  @TempDir Path runtime;

  @Test
  void pathsWithSpacesAreShellQuoted() throws Exception {
    long seed = 85;
    Sample sample =
        SampleSnapshotGenerator.generateLocal(
            tmp.resolve("my snap"),
            SampleSnapshotGenerator.keyIdFor(seed),
            SampleSnapshotGenerator.masterKeyFor(seed),
            SampleSnapshotGenerator.Spec.small(seed),
            tmp.resolve("keys/snap.key"),
            false);
    Path certs = tmp.resolve("cert dir");
    try (RestoreProcess proxy =
        RestoreProcess.start(
            RestoreProcess.baseEnv(state, runtime),
            "proxy",
            sample.dbpath().toString(),
            "--cert-dir",
            certs.toString())) {
      String line = proxy.awaitStdout(l -> l.strip().startsWith("mongod ")).strip();
      // what sh makes of the printed line: one word per line
      Process sh =
          new ProcessBuilder("sh", "-c", "printf '%s\\n' " + line.substring("mongod ".length()))
              .redirectErrorStream(true)
              .start();
      List<String> words = new String(sh.getInputStream().readAllBytes()).lines().toList();
      assertThat(sh.waitFor()).isZero();
      assertThat(words)
          .containsSubsequence("--dbpath", sample.dbpath().toString())
          .containsSubsequence("--kmipServerCAFile", certs.resolve("kmipCA.pem").toString());
      proxy.signal("TERM");
      assertThat(proxy.awaitExit()).as(proxy.transcript()).isZero();
    }
  }
}
