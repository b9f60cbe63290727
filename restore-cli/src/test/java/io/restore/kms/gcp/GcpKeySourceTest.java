package io.restore.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.snapshot.Snapshot;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.sample.SnapshotLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GcpKeySource through the real KeyManagementServiceClient against FakeGoogleKms (gRPC, TLS). */
class GcpKeySourceTest {
  static FakeGoogleKms kms;
  static String keyVersion;
  static String serviceAccountKey;
  static final byte[] MASTER = new byte[32];

  @TempDir Path db;

  @BeforeAll
  static void start() throws Exception {
    kms = FakeGoogleKms.start();
    keyVersion = kms.createKey("atlas");
    serviceAccountKey = kms.serviceAccountKeyJson();
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (100 + i);
    }
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  private Map<String, String> fields(byte[] aad) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("serviceAccountKey", serviceAccountKey);
    f.put("keyVersionResourceID", keyVersion);
    f.put("encryptedKey", Base64.getEncoder().encodeToString(kms.encrypt(keyVersion, MASTER, aad)));
    return f;
  }

  private static KeySourceSettings settings() {
    return KeySourceSettings.defaults()
        .withKmsEndpoint(kms.endpoint())
        .withKmsCaFile(kms.caFile())
        .withRetry(Duration.ofSeconds(20), 1);
  }

  private MasterKeySource source(Map<String, String> f, KeySourceSettings s) throws Exception {
    SnapshotLayout.write(db, "gcp-key", "gcp", f);
    return KeySources.forSnapshot(Snapshot.open(db, Optional.empty()), s);
  }

  private static String fingerprint() {
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      return k.fingerprint();
    }
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> kmsError(MasterKeySource s) {
    return assertThatThrownBy(s::decrypt)
        .isInstanceOf(RestoreException.class)
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS));
  }

  @Test
  void decryptsOnTheCryptoKeyWithTheServiceAccountOfTheMetadata() throws Exception {
    int before = kms.decryptCount();
    MasterKeySource s = source(fields(new byte[0]), settings());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
    assertThat(kms.decryptCount()).isEqualTo(before + 1);
    assertThat(s.description())
        .contains("cryptoKeys/atlas,", "metadata fields serviceAccountKey")
        .doesNotContain("cryptoKeyVersions")
        .doesNotContain("PRIVATE KEY");
  }

  @Test
  void sendsTheAdditionalAuthenticatedData() throws Exception {
    byte[] aad = "cluster0".getBytes(StandardCharsets.UTF_8);
    Map<String, String> f = fields(aad);
    kmsError(source(f, settings())).hasMessageContaining("INVALID_ARGUMENT");
    f.put("additionalAuthenticatedData", Base64.getEncoder().encodeToString(aad));
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }

  @Test
  void aForeignServiceAccountKeyIsRefusedAsCredentials() throws Exception {
    try (FakeGoogleKms other = FakeGoogleKms.start()) {
      Map<String, String> f = fields(new byte[0]);
      f.put("serviceAccountKey", other.serviceAccountKeyJson());
      kmsError(source(f, settings()))
          .hasMessageContaining("refused the credentials")
          .satisfies(
              e ->
                  assertThat(((RestoreException) e).nextStep())
                      .contains("fields serviceAccountKey")
                      .contains("--gcp-credentials-file"));
    }
  }

  @Test
  void aCredentialsFileOnTheCommandLineWins() throws Exception {
    Path file =
        Files.writeString(db.resolveSibling(db.getFileName() + "-sa.json"), serviceAccountKey);
    try {
      Map<String, String> f = fields(new byte[0]);
      f.put("serviceAccountKey", "{\"type\": \"service_account\", \"broken\": true}");
      kmsError(source(f, settings())).hasMessageContaining("cannot load the credentials");
      KeySourceSettings s = settings().withGcp(new KeySourceSettings.Gcp(Optional.of(file)));
      try (MasterKey k = source(f, s).decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(fingerprint());
      }
    } finally {
      Files.deleteIfExists(file);
    }
  }

  @Test
  void permissionDeniedSaysToGrantDecrypt() throws Exception {
    String denied = kms.createKey("denied");
    kms.denyKey(denied);
    Map<String, String> f = new LinkedHashMap<>();
    f.put("serviceAccountKey", serviceAccountKey);
    f.put("keyVersionResourceID", denied);
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(denied, MASTER, new byte[0])));
    kmsError(source(f, settings())).hasMessageContaining("PERMISSION_DENIED");
  }

  @Test
  void anUnknownKeyNamesTheField() throws Exception {
    Map<String, String> f = fields(new byte[0]);
    f.put(
        "keyVersionResourceID",
        "projects/p/locations/global/keyRings/r/cryptoKeys/gone/cryptoKeyVersions/3");
    kmsError(source(f, settings()))
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("keyVersionResourceId");
    f.put("keyVersionResourceID", "not-a-resource-name");
    kmsError(source(f, settings())).hasMessageContaining("is not projects/");
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(new byte[0]);
    GcpKeySource s = (GcpKeySource) source(f, settings());
    byte[] ct;
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      ct = s.encrypt(k);
    }
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }
}
