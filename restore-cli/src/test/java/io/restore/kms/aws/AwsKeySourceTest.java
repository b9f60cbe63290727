package io.restore.kms.aws;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.RestoreException;
import io.restore.kms.AwsSettings;
import io.restore.kms.KeySourceContract;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.net.SilentServer;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * AwsKeySource through the real KmsClient against FakeAwsKms (SigV4 checked): the key-source
 * contract, then what only AWS has (credential order, session tokens, encryption context,
 * throttling, AssumeRole is in AwsKeySourceMotoTest).
 */
class AwsKeySourceTest extends KeySourceContract {
  static FakeAwsKms kms;
  static String keyArn;

  @BeforeAll
  static void start() throws Exception {
    kms = FakeAwsKms.start();
    keyArn = kms.createKey();
  }

  @AfterAll
  static void stop() {
    kms.close();
  }

  @Override
  protected String provider() {
    return "aws";
  }

  @Override
  protected Map<String, String> fields(byte[] plaintext) {
    return fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY, plaintext);
  }

  private Map<String, String> fields(String id, String secret) {
    return fields(id, secret, MASTER);
  }

  private Map<String, String> fields(String id, String secret, byte[] plaintext) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyID", id);
    f.put("secretAccessKey", secret);
    f.put("customerMasterKeyID", keyArn);
    f.put("region", FakeAwsKms.REGION);
    f.put("roleId", "");
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(keyArn, plaintext, Map.of())));
    return f;
  }

  @Override
  protected List<String> flags() {
    return List.of("--kms-endpoint", kms.endpoint().toString(), "--kms-attempts", "1");
  }

  private List<String> flags(String... more) {
    List<String> all = new ArrayList<>(flags());
    all.addAll(List.of(more));
    return all;
  }

  @Override
  protected Optional<Map<String, String>> wrongCredentials() {
    return Optional.of(fields(FakeAwsKms.ACCESS_KEY_ID, "wrong-secret"));
  }

  @Override
  protected Optional<Map<String, String>> wrongKey() {
    Map<String, String> f = fields(MASTER);
    f.put("customerMasterKeyID", kms.createKey());
    return Optional.of(f);
  }

  @Override
  protected Optional<List<String>> unansweredFlags(SilentServer silent) {
    return Optional.of(List.of("--kms-endpoint", silent.uri("http").toString()));
  }

  @Override
  protected Optional<Map.Entry<Map<String, String>, String>> lineBreakCredential() {
    Map<String, String> f = fields(MASTER);
    f.put("sessionToken", "token-first-line\nsecond-line");
    return Optional.of(Map.entry(f, "field sessionToken"));
  }

  @Override
  protected List<String> secrets() {
    return List.of(FakeAwsKms.SECRET_ACCESS_KEY, "wrong-secret", "token-first-line", "second-line");
  }

  @Test
  void theMetadatasCredentialsAreDescribedByFieldAndARefusalByErrorCode() throws Exception {
    MasterKeySource s = source(fields(MASTER), flags());
    assertThat(s.description())
        .contains(keyArn, "us-east-1", "metadata fields accessKeyId, secretAccessKey");
    kmsError(() -> source(fields(FakeAwsKms.ACCESS_KEY_ID, "wrong-secret"), flags()))
        .hasMessageContaining("AWS KMS refused the credentials (InvalidSignatureException)")
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("update " + db.resolve("cloudProviderCredentials/key-1.aws.metadata"))
                    .contains("fields accessKeyId, secretAccessKey")
                    .contains("--aws-access-key-id"));
    kmsError(() -> source(fields("AKIAUNKNOWN", "x"), flags()))
        .hasMessageContaining("UnrecognizedClientException");
  }

  @Test
  void commandLineCredentialsWinOverTheMetadata() throws Exception {
    List<String> cli =
        flags(
            "--aws-access-key-id",
            FakeAwsKms.ACCESS_KEY_ID,
            "--aws-secret-access-key",
            FakeAwsKms.SECRET_ACCESS_KEY);
    try (MasterKey k = source(fields("AKIASTALE", "rotated-away"), cli).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    List<String> wrongCli =
        flags("--aws-access-key-id", FakeAwsKms.ACCESS_KEY_ID, "--aws-secret-access-key", "typo");
    kmsError(() -> source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), wrongCli))
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
          source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), flags())
              .decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
      }
      System.setProperty("aws.secretAccessKey", FakeAwsKms.SECRET_ACCESS_KEY);
      Map<String, String> roleOnly = fields("", "");
      roleOnly.put("roleId", "65f0c0ffee");
      MasterKeySource roleBased = source(roleOnly, flags());
      assertThat(roleBased.description()).contains("default chain", "roleId");
      try (MasterKey k = roleBased.decrypt()) {
        assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
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
    try (MasterKey k = source(f, flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    f.put("sessionToken", "expired-token");
    kmsError(() -> source(f, flags())).hasMessageContaining("sessionToken");
  }

  @Test
  void accessDeniedSaysToGrantDecrypt() throws Exception {
    kms.addCredentials("AKIANOPERM", "s", Optional.empty());
    kms.denyAccess("AKIANOPERM");
    kmsError(() -> source(fields("AKIANOPERM", "s"), flags()))
        .hasMessageContaining("denied")
        .satisfies(
            e -> assertThat(((RestoreException) e).nextStep()).contains("decrypt permission"));
  }

  @Test
  void anotherKeyInTheMetadataIsAWrongKeyError() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.put("customerMasterKeyID", kms.createKey());
    kmsError(() -> source(f, flags()))
        .hasMessageContaining("IncorrectKeyException")
        .hasMessageContaining("customerMasterKeyId");
  }

  @Test
  void theEncryptionContextIsSent() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.put(
        "encryptedKey",
        Base64.getEncoder().encodeToString(kms.encrypt(keyArn, MASTER, Map.of("cluster", "c0"))));
    kmsError(() -> source(f, flags())).hasMessageContaining("InvalidCiphertextException");
    f.put("encryptionContext", "{\"cluster\": \"c0\"}");
    try (MasterKey k = source(f, flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }

  @Test
  void throttlingIsRetriedAFewTimesThenReported() throws Exception {
    MasterKeySource s =
        source(
            fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY),
            flags("--kms-timeout", "20", "--kms-attempts", "3"));
    kms.throttleNext(2);
    int before = kms.requestCount();
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    assertThat(kms.requestCount() - before).isEqualTo(3);
    kms.throttleNext(3);
    kmsError(() -> s).hasMessageContaining("ThrottlingException after 3 attempts");
  }

  @Test
  void anUnreachableEndpointSaysSo() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0)) {
      port = free.getLocalPort();
    }
    List<String> s = List.of("--kms-endpoint", "http://127.0.0.1:" + port, "--kms-attempts", "1");
    kmsError(() -> source(fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY), s))
        .hasMessageContaining("could not be reached")
        .hasMessageContaining("127.0.0.1:" + port);
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(FakeAwsKms.ACCESS_KEY_ID, FakeAwsKms.SECRET_ACCESS_KEY);
    f.remove("encryptedKey");
    AwsKeySource s = (AwsKeySource) source(f, flags());
    byte[] ct;
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      ct = s.encrypt(k);
    }
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    try (MasterKey k = source(f, flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }

  @Test
  void theRegionComesFromTheKeyArnWhenTheFileHasNone() {
    assertThat(AwsSettings.arnRegion("arn:aws:kms:eu-central-1:1:key/x")).contains("eu-central-1");
    assertThat(AwsSettings.arnRegion("1234abcd-12ab")).isEmpty();
  }
}
