package io.restore.kms.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.cli.Flags;
import io.restore.kms.KeySourceContract;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.testkit.net.SilentServer;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local key file: the key-source contract (no credentials, no network), then its rules. */
class LocalKeySourceTest extends KeySourceContract {
  @TempDir Path keys;

  @Override
  protected String provider() {
    return "local";
  }

  @Override
  protected Map<String, String> fields(byte[] plaintext) throws Exception {
    Path key = Files.write(keys.resolve("master-" + plaintext.length + ".key"), plaintext);
    return Map.of("keyFile", key.toString());
  }

  @Override
  protected List<String> flags() {
    return List.of();
  }

  @Override
  protected Optional<Map<String, String>> wrongCredentials() {
    return Optional.empty();
  }

  /** 32 bytes of another key cannot be told from the right one here: mongod detects it. */
  @Override
  protected Optional<Map<String, String>> wrongKey() {
    return Optional.empty();
  }

  @Override
  protected Optional<List<String>> unansweredFlags(SilentServer silent) {
    return Optional.empty();
  }

  @Override
  protected Optional<Map.Entry<Map<String, String>, String>> lineBreakCredential() {
    return Optional.empty();
  }

  @Override
  protected List<String> secrets() {
    return List.of(Base64.getEncoder().encodeToString(MASTER), HexFormat.of().formatHex(MASTER));
  }

  @Test
  void readsRawAndBase64KeyFiles() throws Exception {
    Path raw = Files.write(keys.resolve("raw"), MASTER);
    Path b64 =
        Files.writeString(keys.resolve("b64"), Base64.getEncoder().encodeToString(MASTER) + "\n");
    try (MasterKey a = LocalKeySource.read(raw, "test");
        MasterKey b = LocalKeySource.read(b64, "test")) {
      assertThat(a.copyBytes()).isEqualTo(MASTER);
      assertThat(b.fingerprint()).isEqualTo(a.fingerprint());
    }
  }

  @Test
  void refusesBase64OfAnotherLength() throws Exception {
    Path b64 =
        Files.writeString(keys.resolve("b64-16"), Base64.getEncoder().encodeToString(new byte[16]));
    assertThatThrownBy(() -> LocalKeySource.read(b64, "--key-file"))
        .hasMessageContaining("base64 of 16 bytes");
  }

  @Test
  void aRelativeKeyFileInTheMetadataIsResolvedAgainstItsFolder() throws Exception {
    Path md = SnapshotLayout.write(db, "k", "local", Map.of("keyFile", "m.key"));
    Files.write(md.resolveSibling("m.key"), MASTER);
    try (MasterKey k = KeySources.plan(db, Flags.parse()).source().decrypt()) {
      assertThat(k.copyBytes()).isEqualTo(MASTER);
    }
  }

  @Test
  void theKeyFileFlagWinsOverTheMetadataAndOverAnyKms() throws Exception {
    SnapshotLayout.write(db, "k", "aws", Map.of("region", "us-east-1"));
    Path flag = Files.write(keys.resolve("flag.key"), MASTER);
    var source = KeySources.plan(db, Flags.parse("--key-file", flag.toString())).source();
    assertThat(source.description()).contains("--key-file");
    try (MasterKey k = source.decrypt()) {
      assertThat(k.copyBytes()).isEqualTo(MASTER);
    }
  }

  @Test
  void aMissingKeyFileFieldSaysWhatToPass() throws Exception {
    SnapshotLayout.write(db, "k", "local", Map.of());
    assertThatThrownBy(() -> KeySources.plan(db, Flags.parse()))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("has no field keyFile")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS))
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("--key-file"));
  }
}
