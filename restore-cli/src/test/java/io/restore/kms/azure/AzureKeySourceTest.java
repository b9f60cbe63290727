package io.restore.kms.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.snapshot.Snapshot;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.sample.SnapshotLayout;
import java.net.URI;
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

/** AzureKeySource through the real ClientSecretCredential and CryptographyClient (HTTPS double). */
class AzureKeySourceTest {
  static FakeAzureKeyVault vault;
  static String keyId;
  static final byte[] MASTER = new byte[32];

  @TempDir Path db;

  @BeforeAll
  static void start() throws Exception {
    vault = FakeAzureKeyVault.start();
    keyId = vault.createKey("atlas-key");
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (i * 3);
    }
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  /** The key's URL as Atlas would write it; --kms-endpoint points it at the double. */
  private static String atlasKeyIdentifier() {
    return "https://atlas-vault.vault.azure.net" + URI.create(keyId).getPath();
  }

  private Map<String, String> fields(String secret, String alg) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("azureEnvironment", "AZURE");
    f.put("clientID", FakeAzureKeyVault.CLIENT_ID);
    f.put("tenantID", FakeAzureKeyVault.TENANT_ID);
    f.put("secret", secret);
    f.put("subscriptionID", "sub");
    f.put("resourceGroupName", "rg");
    f.put("keyVaultName", "atlas-vault");
    f.put("keyIdentifier", atlasKeyIdentifier());
    f.put("encryptedKey", Base64.getEncoder().encodeToString(vault.encrypt(keyId, alg, MASTER)));
    return f;
  }

  private static KeySourceSettings settings() {
    return KeySourceSettings.defaults()
        .withKmsEndpoint(vault.endpoint())
        .withKmsCaFile(vault.caFile())
        .withRetry(Duration.ofSeconds(20), 1)
        .withAzure(
            new KeySourceSettings.Azure(
                Optional.empty(),
                Optional.empty(),
                Optional.empty(),
                Optional.of(vault.endpoint())));
  }

  private MasterKeySource source(Map<String, String> f, KeySourceSettings s) throws Exception {
    SnapshotLayout.write(db, "az-key", "azure", f);
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
  void decryptsRsaOaep256WithTheMetadatasClientSecret() throws Exception {
    int before = vault.operations("decrypt");
    MasterKeySource s = source(fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256"), settings());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
    assertThat(vault.operations("decrypt")).isEqualTo(before + 1);
    assertThat(s.description())
        .contains("metadata fields clientId, tenantId, secret")
        .doesNotContain(FakeAzureKeyVault.CLIENT_SECRET);
  }

  @Test
  void fallsBackToRsaOaep() throws Exception {
    try (MasterKey k =
        source(fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP"), settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }

  @Test
  void aWrongSecretSaysWhichFieldsToUpdate() throws Exception {
    kmsError(source(fields("rotated-secret", "RSA-OAEP-256"), settings()))
        .hasMessageContaining("Azure Key Vault refused the credentials")
        .hasMessageContaining("AADSTS7000215")
        .hasMessageNotContaining("rotated-secret")
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("fields clientId, tenantId, secret")
                    .contains("--azure-client-secret"));
  }

  @Test
  void aSecretOnTheCommandLineWins() throws Exception {
    KeySourceSettings s =
        settings()
            .withAzure(
                new KeySourceSettings.Azure(
                    Optional.empty(),
                    Optional.empty(),
                    Optional.of(FakeAzureKeyVault.CLIENT_SECRET),
                    Optional.of(vault.endpoint())));
    try (MasterKey k = source(fields("stale", "RSA-OAEP-256"), s).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }

  @Test
  void forbiddenSaysToGrantDecrypt() throws Exception {
    vault.addClient("0000aaaa-0000-4000-8000-000000000001", "s");
    vault.denyKeyOperations("0000aaaa-0000-4000-8000-000000000001");
    Map<String, String> f = fields("s", "RSA-OAEP-256");
    f.put("clientID", "0000aaaa-0000-4000-8000-000000000001");
    kmsError(source(f, settings())).hasMessageContaining("denied");
  }

  @Test
  void anUnknownKeyNamesKeyIdentifier() throws Exception {
    Map<String, String> f = fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256");
    f.put("keyIdentifier", "https://atlas-vault.vault.azure.net/keys/gone/0123456789abcdef");
    kmsError(source(f, settings())).hasMessageContaining("keyIdentifier");
  }

  @Test
  void aCiphertextNoAlgorithmOpensIsAWrongKeyError() throws Exception {
    Map<String, String> f = fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256");
    f.put("encryptedKey", Base64.getEncoder().encodeToString(new byte[256]));
    kmsError(source(f, settings())).hasMessageContaining("no algorithm");
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256");
    AzureKeySource s = (AzureKeySource) source(f, settings());
    byte[] ct;
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      ct = s.encrypt(k);
    }
    f.put("encryptedKey", Base64.getEncoder().encodeToString(ct));
    try (MasterKey k = source(f, settings()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint());
    }
  }

  @Test
  void sovereignCloudsUseTheirLoginHost() throws Exception {
    Map<String, String> f = fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256");
    f.put("azureEnvironment", "AZURE_CHINA");
    AzureKeySource s =
        (AzureKeySource) source(f, settings().withAzure(KeySourceSettings.Azure.none()));
    assertThat(s.authorityHost()).isEqualTo("https://login.chinacloudapi.cn/");
    assertThat(s.keyIdentifier()).startsWith(vault.endpoint().toString());
  }
}
