package io.restore.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.RestoreException;
import io.restore.kms.KeySourceContract;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.net.SilentServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * GcpKeySource through the real KeyManagementServiceClient against FakeGoogleKms (gRPC, TLS): the
 * key-source contract, then what only Google has (AAD, CryptoKey names, credentials file).
 */
class GcpKeySourceTest extends KeySourceContract {
  static FakeGoogleKms kms;
  static FakeGoogleKms other;
  static String keyVersion;
  static String serviceAccountKey;

  @BeforeAll
  static void start() throws Exception {
    kms = FakeGoogleKms.start();
    other = FakeGoogleKms.start();
    keyVersion = kms.createKey("atlas");
    serviceAccountKey = kms.serviceAccountKeyJson();
  }

  @AfterAll
  static void stop() {
    kms.close();
    other.close();
  }

  @Override
  protected String provider() {
    return "gcp";
  }

  @Override
  protected Map<String, String> fields(byte[] plaintext) {
    return fields(plaintext, new byte[0]);
  }

  private Map<String, String> fields(byte[] plaintext, byte[] aad) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("serviceAccountKey", serviceAccountKey);
    f.put("keyVersionResourceID", keyVersion);
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(keyVersion, plaintext, aad)));
    return f;
  }

  @Override
  protected List<String> flags() {
    return List.of(
        "--kms-endpoint",
        kms.endpoint().toString(),
        "--kms-ca-file",
        kms.caFile().toString(),
        "--kms-timeout",
        "20",
        "--kms-attempts",
        "1");
  }

  private List<String> flags(String... more) {
    List<String> all = new ArrayList<>(flags());
    all.addAll(List.of(more));
    return all;
  }

  @Override
  protected Optional<Map<String, String>> wrongCredentials() throws Exception {
    Map<String, String> f = fields(MASTER);
    f.put("serviceAccountKey", other.serviceAccountKeyJson());
    return Optional.of(f);
  }

  @Override
  protected Optional<Map<String, String>> wrongKey() {
    Map<String, String> f = fields(MASTER);
    f.put(
        "keyVersionResourceID",
        "projects/p/locations/global/keyRings/r/cryptoKeys/gone/cryptoKeyVersions/3");
    return Optional.of(f);
  }

  @Override
  protected Optional<List<String>> unansweredFlags(SilentServer silent) {
    return Optional.of(List.of("--kms-endpoint", silent.uri("https").toString()));
  }

  /** A service-account key is JSON text that may span lines: there is no line to break. */
  @Override
  protected Optional<Map.Entry<Map<String, String>, String>> lineBreakCredential() {
    return Optional.empty();
  }

  @Override
  protected List<String> secrets() {
    return List.of("PRIVATE KEY", "private_key_id");
  }

  @Test
  void decryptsOnTheCryptoKeyWithTheServiceAccountOfTheMetadata() throws Exception {
    int before = kms.decryptCount();
    MasterKeySource s = source(fields(MASTER), flags());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    assertThat(kms.decryptCount()).isEqualTo(before + 1);
    assertThat(s.description())
        .contains("cryptoKeys/atlas,", "metadata fields serviceAccountKey")
        .doesNotContain("cryptoKeyVersions");
  }

  @Test
  void sendsTheAdditionalAuthenticatedData() throws Exception {
    byte[] aad = "cluster0".getBytes(StandardCharsets.UTF_8);
    Map<String, String> f = fields(MASTER, aad);
    kmsError(() -> source(f, flags())).hasMessageContaining("INVALID_ARGUMENT");
    f.put("additionalAuthenticatedData", Base64.getEncoder().encodeToString(aad));
    try (MasterKey k = source(f, flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }

  @Test
  void aForeignServiceAccountKeySaysWhichFieldAndFlag() throws Exception {
    kmsError(() -> source(wrongCredentials().orElseThrow(), flags()))
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("fields serviceAccountKey")
                    .contains("--gcp-credentials-file"));
  }

  @Test
  void aCredentialsFileOnTheCommandLineWins() throws Exception {
    Path file =
        Files.writeString(db.resolveSibling(db.getFileName() + "-sa.json"), serviceAccountKey);
    try {
      Map<String, String> f = fields(MASTER);
      f.put("serviceAccountKey", "{\"type\": \"service_account\", \"broken\": true}");
      kmsError(() -> source(f, flags())).hasMessageContaining("cannot load the credentials");
      try (MasterKey k = source(f, flags("--gcp-credentials-file", file.toString())).decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
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
    kmsError(() -> source(f, flags())).hasMessageContaining("PERMISSION_DENIED");
  }

  @Test
  void anUnknownKeyNamesTheFieldAndAMalformedOneIsRefusedWhenRead() throws Exception {
    kmsError(() -> source(wrongKey().orElseThrow(), flags()))
        .hasMessageContaining("NOT_FOUND")
        .hasMessageContaining("keyVersionResourceId");
    Map<String, String> f = fields(MASTER);
    f.put("keyVersionResourceID", "not-a-resource-name");
    kmsError(() -> source(f, flags())).hasMessageContaining("is not projects/");
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(MASTER);
    GcpKeySource s = (GcpKeySource) source(f, flags());
    byte[] ct;
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      ct = s.encrypt(k);
    }
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    try (MasterKey k = source(f, flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }
}
