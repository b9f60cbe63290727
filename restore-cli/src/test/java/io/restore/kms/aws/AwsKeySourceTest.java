package io.restore.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.snapshot.Snapshot;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.sample.SnapshotLayout;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** AwsKeySource through the real KmsClient against FakeAwsKms (SigV4 checked). */
class AwsKeySourceTest {
  static FakeAwsKms kms;
  static String keyArn;
  static final byte[] MASTER = new byte[32];

  @TempDir Path db;

  @BeforeAll
  static void start() throws Exception {
    kms = FakeAwsKms.start();
    keyArn = kms.createKey();
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (i * 7 + 1);
    }
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  private static String expectedFingerprint() {
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      return k.fingerprint();
    }
  }

  private Map<String, String> fields(String id, String secret) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyID", id);
    f.put("secretAccessKey", secret);
    f.put("customerMasterKeyID", keyArn);
    f.put("region", FakeAwsKms.REGION);
    f.put("roleId", "");
    f.put(
        "encryptedKey", Base64.getEncoder().encodeToString(kms.encrypt(keyArn, MASTER, Map.of())));
    return f;
  }

  private KeySourceSettings settings() {
    return KeySourceSettings.defaults()
        .withKmsEndpoint(kms.endpoint())
        .withRetry(Duration.ofSeconds(10), 1);
  }

  private MasterKeySource source(Map<String, String> fields, KeySourceSettings settings)
      throws Exception {
    SnapshotLayout.write(db, "key-a", "aws", fields);
    return KeySources.forSnapshot(Snapshot.open(db, Optional.empty()), settings);
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> kmsError(MasterKeySource s) {
    return assertThatThrownBy(s::decrypt)
        .isInstanceOf(RestoreException.class)
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS));
  }

  @Test
  void decryptsWithTheMetadatasCredentials() throws Exception {
    MasterKeySource s =
        source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), settings());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
    assertThat(s.description())
        .contains(keyArn, "us-east-1", "metadata fields accessKeyId, secretAccessKey")
        .doesNotContain(FakeAwsKms.SECRET_ACCESS_KEY);
  }

  @Test
  void aWrongSecretIsRefusedNamingTheFieldsNotTheValues() throws Exception {
    MasterKeySource s = source(fields(FakeAwsKms.ACCESS_KEY_ID, "wrong-secret"), settings());
    kmsError(s)
        .hasMessageContaining("AWS KMS refused the credentials (InvalidSignatureException)")
        .hasMessageContaining("key-a.aws.metadata")
        .hasMessageNotContaining("wrong-secret")
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("update " + db.resolve("cloudProviderCredentials/key-a.aws.metadata"))
                    .contains("fields accessKeyId, secretAccessKey")
                    .contains("--aws-access-key-id"));
  }

  @Test
  void anUnknownAccessKeyIsACredentialError() throws Exception {
    kmsError(source(fields("AKIAUNKNOWN", "x"), settings()))
        .hasMessageContaining("UnrecognizedClientException");
  }

  @Test
  void commandLineCredentialsWinOverTheMetadata() throws Exception {
    KeySourceSettings cli =
        settings()
            .withAws(
                KeySourceSettings.Aws.none()
                    .withKeys(
                        FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY, Optional.empty()));
    try (MasterKey k = source(fields("AKIASTALE", "rotated-away"), cli).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
    KeySourceSettings wrongCli =
        settings()
            .withAws(
                KeySourceSettings.Aws.none()
                    .withKeys(FakeAwsKms.ACCESS_KEY_ID, "typo", Optional.empty()));
    kmsError(source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), wrongCli))
        .hasMessageContaining("from command line (--aws-access-key-id, --aws-secret-access-key)")
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("check the values given to"));
  }

  @Test
  void theMetadataWinsOverTheDefaultChainWhichIsTheFallback() throws Exception {
    Map<String, String> saved = new HashMap<>();
    for (String p : new String[] {"aws.accessKeyId", "aws.secretAccessKey"}) {
      saved.put(p, System.getProperty(p));
    }
    try {
      // The SDK's default chain reads these system properties first.
      System.setProperty("aws.accessKeyId", FakeAwsKms.ACCESS_KEY_ID);
      System.setProperty("aws.secretAccessKey", "chain-secret-is-wrong");
      try (MasterKey k =
          source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), settings())
              .decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
      }
      System.setProperty("aws.secretAccessKey", FakeAwsKms.SECRET_ACCESS_KEY);
      Map<String, String> roleOnly = fields("", "");
      roleOnly.put("roleId", "65f0c0ffee");
      MasterKeySource roleBased = source(roleOnly, settings());
      assertThat(roleBased.description()).contains("default chain", "roleId");
      try (MasterKey k = roleBased.decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
      }
    } finally {
      saved.forEach(
          (k, v) -> {
            if (v == null) {
              System.clearProperty(k);
            } else {
              System.setProperty(k, v);
            }
          });
    }
  }

  @Test
  void aSessionTokenFromTheMetadataIsSent() throws Exception {
    kms.addCredentials("ASIATEMP", "temp-secret", Optional.of("token-1"));
    Map<String, String> f = fields("ASIATEMP", "temp-secret");
    f.put("sessionToken", "token-1");
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
    f.put("sessionToken", "expired-token");
    kmsError(source(f, settings())).hasMessageContaining("sessionToken");
  }

  @Test
  void accessDeniedSaysToGrantDecrypt() throws Exception {
    kms.addCredentials("AKIANOPERM", "s", Optional.empty());
    kms.denyAccess("AKIANOPERM");
    kmsError(source(fields("AKIANOPERM", "s"), settings()))
        .hasMessageContaining("denied")
        .satisfies(
            e -> assertThat(((RestoreException) e).nextStep()).contains("decrypt permission"));
  }

  @Test
  void anotherKeyInTheMetadataIsAWrongKeyError() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.put("customerMasterKeyID", kms.createKey());
    kmsError(source(f, settings()))
        .hasMessageContaining("IncorrectKeyException")
        .hasMessageContaining("customerMasterKeyId");
  }

  @Test
  void aPlaintextThatIsNot32BytesIsRefused() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(keyArn, new byte[16], Map.of())));
    kmsError(source(f, settings())).hasMessageContaining("to 16 bytes, but a master key has 32");
  }

  @Test
  void theEncryptionContextIsSent() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(keyArn, MASTER, Map.of("cluster", "c0"))));
    kmsError(source(f, settings())).hasMessageContaining("InvalidCiphertextException");
    f.put("encryptionContext", "{\"cluster\": \"c0\"}");
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
  }

  @Test
  void throttlingIsRetriedAFewTimesThenReported() throws Exception {
    MasterKeySource s =
        source(
            fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY),
            settings().withRetry(Duration.ofSeconds(20), 3));
    kms.throttleNext(2);
    int before = kms.requestCount();
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
    assertThat(kms.requestCount() - before).isEqualTo(3);
    kms.throttleNext(3);
    kmsError(s).hasMessageContaining("ThrottlingException after 3 attempts");
  }

  @Test
  void anUnreachableEndpointSaysSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    KeySourceSettings s = settings().withKmsEndpoint(URI.create("http://127.0.0.1:" + port));
    kmsError(source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), s))
        .hasMessageContaining("could not be reached")
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.remove("encryptedKey");
    AwsKeySource s = (AwsKeySource) source(f, settings());
    byte[] ct;
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      ct = s.encrypt(k);
    }
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(expectedFingerprint());
    }
  }

  @Test
  void theRegionComesFromTheKeyArnWhenTheFileHasNone() {
    assertThat(AwsKeySource.arnRegion("arn:aws:kms:eu-central-1:1:key/x")).contains("eu-central-1");
    assertThat(AwsKeySource.arnRegion("1234abcd-12ab")).isEmpty();
  }
}
