package io.restore.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotTest {
  @TempDir Path dir;

  private Path db() {
    return dir.resolve("db");
  }

  private Path aws(String keyId, Map<String, String> fields) throws Exception {
    return SnapshotLayout.write(db(), keyId, "aws", fields);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refuses(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call) {
    return assertThatThrownBy(call)
        .isInstanceOf(RestoreException.class)
        .satisfies(
            e -> {
              assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.SNAPSHOT);
              assertThat(((RestoreException) e).nextStep()).isNotBlank();
            });
  }

  @Test
  void findsKeyIdProviderAndMetadata() throws Exception {
    Path md = aws("key-1", Map.of("accessKeyID", "AKIA", "region", "us-east-1"));
    Snapshot s = Snapshot.open(db(), Optional.empty());
    assertThat(s.keyId()).isEqualTo("key-1");
    assertThat(s.provider()).isEqualTo(Provider.AWS);
    assertThat(s.metadataFile()).isEqualTo(md);
    assertThat(s.metadata().text(MetadataField.ACCESS_KEY_ID)).contains("AKIA");
    assertThat(s.dbpath()).isEqualTo(db());
  }

  @Test
  void skipsInvalidatedAndInitializingEntriesLikeMongod() throws Exception {
    aws("key-2", Map.of());
    Files.createDirectories(db().resolve("key.store/key-1-invalidated-2024"));
    Files.createDirectories(db().resolve("key.store/key-3-initializing"));
    assertThat(Snapshot.open(db(), Optional.empty()).keyId()).isEqualTo("key-2");
  }

  @Test
  void refusesSeveralCandidatesListingThemAndKeyIdChooses() throws Exception {
    aws("key-2", Map.of());
    Files.createDirectories(db().resolve("key.store/key-1"));
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("key-1, key-2")
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("--key-id"));
    assertThat(Snapshot.open(db(), Optional.of("key-2")).keyId()).isEqualTo("key-2");
    refuses(() -> Snapshot.open(db(), Optional.of("nope"))).hasMessageContaining("candidates");
  }

  @Test
  void explainsALocalKeyfileSnapshot() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "local");
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("local keyfile")
        .satisfies(
            e -> assertThat(((RestoreException) e).nextStep()).contains("--encryptionKeyFile"));
  }

  @Test
  void explainsAMissingKeyStoreAndFindsANestedDbpath() throws Exception {
    Files.createDirectories(db());
    refuses(() -> Snapshot.open(db(), Optional.empty())).hasMessageContaining("no key.store");
    SnapshotLayout.writeKeyStore(db().resolve("inner"), "k");
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("did you mean " + db().resolve("inner"));
  }

  @Test
  void explainsAnArchiveGivenInsteadOfADirectory() throws Exception {
    Path tgz = Files.write(dir.resolve("snap-123.tar.gz"), new byte[] {1});
    refuses(() -> Snapshot.open(tgz, Optional.empty()))
        .hasMessageContaining("archive")
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("tar -xzf " + tgz));
  }

  @Test
  void explainsMissingPathsAndFilesGivenAsDbpath() throws Exception {
    refuses(() -> Snapshot.open(dir.resolve("nope"), Optional.empty()))
        .hasMessageContaining("does not exist");
    Path f = Files.write(dir.resolve("file"), new byte[] {1});
    refuses(() -> Snapshot.open(f, Optional.empty())).hasMessageContaining("not a directory");
  }

  @Test
  void explainsAnUnreadableDbpath() throws Exception {
    aws("k", Map.of());
    Files.setPosixFilePermissions(db(), PosixFilePermissions.fromString("---------"));
    try {
      if (Files.isReadable(db())) {
        return; // root reads everything; nothing to check here
      }
      refuses(() -> Snapshot.open(db(), Optional.empty())).hasMessageContaining("not readable");
    } finally {
      Files.setPosixFilePermissions(db(), PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void refusesSeveralMetadataFilesUnlessTheProviderIsChosen() throws Exception {
    aws("k", Map.of());
    SnapshotLayout.write(db(), "k", "gcp", Map.of());
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("k.aws.metadata, k.gcp.metadata");
    assertThat(Snapshot.open(db(), Optional.empty(), Optional.of(Provider.GCP)).provider())
        .isEqualTo(Provider.GCP);
  }

  @Test
  void refusesAProviderThatDoesNotMatchTheMetadata() throws Exception {
    aws("k", Map.of());
    refuses(() -> Snapshot.open(db(), Optional.empty(), Optional.of(Provider.AZURE)))
        .hasMessageContaining("does not match")
        .hasMessageContaining("k.aws.metadata");
  }

  @Test
  void refusesMetadataOfAnotherKey() throws Exception {
    aws("old-key", Map.of());
    Files.delete(db().resolve("key.store/old-key/keystore.wt"));
    Files.delete(db().resolve("key.store/old-key"));
    SnapshotLayout.writeKeyStore(db(), "new-key");
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("another key")
        .hasMessageContaining("new-key");
  }

  @Test
  void explainsMissingMetadataAndAcceptsAChosenProviderWithout() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k");
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageStartingWith("no metadata file")
        .satisfies(e -> assertThat(((RestoreException) e).nextStep()).contains("--key-file"));
    Snapshot s = Snapshot.open(db(), Optional.empty(), Optional.of(Provider.LOCAL));
    assertThat(s.metadata().exists()).isFalse();
    assertThat(s.metadataFile()).hasFileName("k.local.metadata");
  }

  @Test
  void reportsInvalidJsonWithPositionNotContent() throws Exception {
    Path md = aws("k", Map.of());
    Files.writeString(md, "{\"secretAccessKey\": \"s3cr3t\",}");
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("not valid JSON")
        .hasMessageContaining("line 1")
        .hasMessageNotContaining("s3cr3t");
  }

  @Test
  void refusesAFieldGivenTwiceUnderTwoNames() throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyId", "a");
    f.put("awsAccessKey", "b");
    aws("k", f);
    refuses(() -> Snapshot.open(db(), Optional.empty()))
        .hasMessageContaining("accessKeyId and awsAccessKey");
  }

  @Test
  void warnsWhenMetadataIsReadableByOthers() throws Exception {
    Path md = aws("k", Map.of());
    Files.setPosixFilePermissions(md, PosixFilePermissions.fromString("rw-r--r--"));
    assertThat(Snapshot.open(db(), Optional.empty()).warnings())
        .singleElement()
        .asString()
        .contains("chmod 600 " + md);
    Files.setPosixFilePermissions(md, PosixFilePermissions.fromString("rw-------"));
    assertThat(Snapshot.open(db(), Optional.empty()).warnings()).isEmpty();
  }

  @Test
  void encryptedKeyComesFromFieldThenSiblingFileThenOverride() throws Exception {
    byte[] ct = {1, 2, 3, 4, 5};
    aws("k", Map.of("encryptedKey", Base64.getEncoder().encodeToString(ct)));
    Snapshot s = Snapshot.open(db(), Optional.empty());
    assertThat(s.encryptedKey(Optional.empty()).ciphertext()).isEqualTo(ct);
    assertThat(s.encryptedKey(Optional.empty()).source()).startsWith("field encryptedKey");

    Path other = Files.write(dir.resolve("ct.bin"), new byte[] {9, 8, (byte) 0xff});
    assertThat(s.encryptedKey(Optional.of(other)).ciphertext())
        .isEqualTo(new byte[] {9, 8, (byte) 0xff});

    aws("k", Map.of());
    Snapshot bare = Snapshot.open(db(), Optional.empty());
    refuses(() -> bare.encryptedKey(Optional.empty()))
        .hasMessageContaining("field encryptedKey")
        .hasMessageContaining("k.aws.key");
    Files.writeString(bare.siblingKeyFile(), "AQIDBAU=\n", StandardCharsets.US_ASCII);
    assertThat(bare.encryptedKey(Optional.empty()).ciphertext()).isEqualTo(ct);
  }

  @Test
  void refusesAnEncryptedKeyFieldThatIsNotBase64() throws Exception {
    aws("k", Map.of("EncryptedKey", "not base64!"));
    Snapshot s = Snapshot.open(db(), Optional.empty());
    refuses(() -> s.encryptedKey(Optional.empty())).hasMessageContaining("EncryptedKey");
  }
}
