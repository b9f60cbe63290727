package io.restore.kms.gcp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.RestoreException;
import io.restore.kms.KeySourceContract;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.net.SilentServer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
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
 * GcpKeySource through the real KeyManagementServiceClient against FakeGoogleKms (the REST API over
 * HTTPS): the key-source contract, then what only Google has (AAD, CryptoKey names, credentials
 * file, CRC32C checksums) and how HTTP errors map to messages.
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

  private List<String> attempts(int n) {
    List<String> all = new ArrayList<>(flags());
    all.set(all.indexOf("--kms-attempts") + 1, Integer.toString(n));
    return all;
  }

  @Test
  void throttlingIsRetriedWithinTheAttempts() throws Exception {
    int before = kms.callCount();
    kms.failNextCalls(2, 429, "RESOURCE_EXHAUSTED");
    try (MasterKey k = source(fields(MASTER), attempts(3)).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    assertThat(kms.callCount()).isEqualTo(before + 3);
  }

  @Test
  void throttlingThatOutlastsTheAttemptsSaysSo() throws Exception {
    kms.failNextCalls(2, 429, "RESOURCE_EXHAUSTED");
    kmsError(() -> source(fields(MASTER), attempts(2)))
        .hasMessageContaining("could not be reached or kept failing")
        .hasMessageContaining("RESOURCE_EXHAUSTED after 2 attempts")
        .hasMessageContaining(kms.endpoint().toString());
  }

  @Test
  void anUnavailableServiceSaysSo() throws Exception {
    kms.failNextCalls(1, 503, "UNAVAILABLE");
    kmsError(() -> source(fields(MASTER), flags()))
        .hasMessageContaining("could not be reached or kept failing")
        .hasMessageContaining("UNAVAILABLE after 1 attempts");
  }

  @Test
  void aDamagedCiphertextIsRefusedByTheKms() throws Exception {
    Map<String, String> f = fields(MASTER);
    byte[] ct = Base64.getDecoder().decode(f.get("encryptedKey"));
    ct[ct.length - 1] ^= 1;
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    kmsError(() -> source(f, flags()))
        .hasMessageContaining("could not decrypt with the key in keyVersionResourceId")
        .hasMessageContaining("INVALID_ARGUMENT: Decryption failed");
  }

  @Test
  void aPlaintextChecksumThatDoesNotMatchIsRefused() throws Exception {
    kms.corruptResponseChecksums(true);
    try {
      kmsError(() -> source(fields(MASTER), flags()))
          .hasMessageContaining("the plaintext's CRC32C does not match (corrupted in transit)");
      GcpKeySource s = (GcpKeySource) source(fields(MASTER), flags());
      try (MasterKey k = MasterKey.copyOf(MASTER)) {
        assertThatThrownBy(() -> s.encrypt(k))
            .isInstanceOf(RestoreException.class)
            .hasMessageContaining("the Encrypt response failed its CRC32C checks");
      }
    } finally {
      kms.corruptResponseChecksums(false);
    }
  }

  @Test
  void aRefusedConnectionSaysTheEndpointCouldNotBeReached() throws Exception {
    int port;
    try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    List<String> f = new ArrayList<>(flags());
    f.set(f.indexOf("--kms-endpoint") + 1, "https://127.0.0.1:" + port);
    kmsError(() -> source(fields(MASTER), f))
        .hasMessageContaining("at https://127.0.0.1:" + port + " could not be reached")
        .hasMessageContaining("connection refused");
  }

  @Test
  void theEndpointKeepsSchemeHostAndPortOnly() {
    assertThat(GcpKeySource.origin(URI.create("https://kms.example.internal:8443/v1/ignored")))
        .isEqualTo("https://kms.example.internal:8443");
    assertThat(GcpKeySource.origin(URI.create("https://private.googleapis.com")))
        .isEqualTo("https://private.googleapis.com");
    assertThat(GcpKeySource.origin(URI.create("http://[::1]:8080"))).isEqualTo("http://[::1]:8080");
  }
}
