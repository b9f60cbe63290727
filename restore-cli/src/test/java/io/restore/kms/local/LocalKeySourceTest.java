package io.restore.kms.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.snapshot.Snapshot;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalKeySourceTest {
  @TempDir Path dir;

  private static byte[] key() {
    byte[] k = new byte[32];
    for (int i = 0; i < 32; i++) {
      k[i] = (byte) (i + 1);
    }
    return k;
  }

  @Test
  void readsRawAndBase64KeyFiles() throws Exception {
    Path raw = Files.write(dir.resolve("raw"), key());
    Path b64 =
        Files.writeString(dir.resolve("b64"), Base64.getEncoder().encodeToString(key()) + "\n");
    try (MasterKey a = LocalKeySource.read(raw, "test");
        MasterKey b = LocalKeySource.read(b64, "test")) {
      assertThat(a.copyBytes()).isEqualTo(key());
      assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }
  }

  @Test
  void refusesFilesThatAreNot32Bytes() throws Exception {
    Path shortFile = Files.write(dir.resolve("short"), new byte[31]);
    assertThatThrownBy(() -> LocalKeySource.read(shortFile, "--key-file"))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("neither 32 raw bytes nor base64");
    Path b64 =
        Files.writeString(dir.resolve("b64-16"), Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> LocalKeySource.read(b64, "--key-file"))
        .hasMessageContaining("base64 of 16 bytes");
  }

  @Test
  void aRelativeKeyFileInTheMetadataIsResolvedAgainstItsFolder() throws Exception {
    Path db = dir.resolve("db");
    Path md = SnapshotLayout.write(db, "k", "local", Map.of("keyFile", "m.key"));
    Files.write(md.resolveSibling("m.key"), key());
    Snapshot s = Snapshot.open(db, Optional.empty());
    try (MasterKey k = KeySources.forSnapshot(s, KeySourceSettings.defaults()).decrypt()) {
      assertThat(k.copyBytes()).isEqualTo(key());
    }
  }

  @Test
  void theKeyFileFlagWinsOverTheMetadataAndOverAnyKms() throws Exception {
    Path db = dir.resolve("db");
    SnapshotLayout.write(db, "k", "aws", Map.of("region", "us-east-1"));
    Path flag = Files.write(dir.resolve("flag.key"), key());
    Snapshot s = Snapshot.open(db, Optional.empty());
    var source = KeySources.forSnapshot(s, KeySourceSettings.defaults().withKeyFile(flag));
    assertThat(source.description()).contains("--key-file");
    try (MasterKey k = source.decrypt()) {
      assertThat(k.copyBytes()).isEqualTo(key());
    }
  }

  @Test
  void aMissingKeyFileFieldSaysWhatToPass() throws Exception {
    Path db = dir.resolve("db");
    SnapshotLayout.write(db, "k", "local", Map.of());
    Snapshot s = Snapshot.open(db, Optional.empty());
    assertThatThrownBy(() -> KeySources.forSnapshot(s, KeySourceSettings.defaults()).decrypt())
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("has no field keyFile")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS))
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("--key-file"));
  }
}
