package io.restore.kms.azure;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.RestoreException;
import io.restore.cli.Flags;
import io.restore.kms.AzureSettings;
import io.restore.kms.KeySourceContract;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.net.SilentServer;
import io.restore.testkit.sample.SnapshotLayout;
import java.net.URI;
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
 * AzureKeySource through the real ClientSecretCredential and CryptographyClient (HTTPS double): the
 * key-source contract, then what only Azure has (algorithm fallback, sovereign clouds).
 */
class AzureKeySourceTest extends KeySourceContract {
  static FakeAzureKeyVault vault;
  static String keyId;

  @BeforeAll
  static void start() throws Exception {
    vault = FakeAzureKeyVault.start();
    keyId = vault.createKey("atlas-key");
  }

  @AfterAll
  static void stop() {
    vault.close();
  }

  /** The key's URL as Atlas would write it; --kms-endpoint points it at the double. */
  private static String atlasKeyIdentifier() {
    return "https://atlas-vault.vault.azure.net" + URI.create(keyId).getPath();
  }

  @Override
  protected String provider() {
    return "azure";
  }

  @Override
  protected Map<String, String> fields(byte[] plaintext) {
    return fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP-256", plaintext);
  }

  private Map<String, String> fields(String secret, String alg, byte[] plaintext) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("azureEnvironment", "AZURE");
    f.put("clientID", FakeAzureKeyVault.CLIENT_ID);
    f.put("tenantID", FakeAzureKeyVault.TENANT_ID);
    f.put("secret", secret);
    f.put("subscriptionID", "sub");
    f.put("resourceGroupName", "rg");
    f.put("keyVaultName", "atlas-vault");
    f.put("keyIdentifier", atlasKeyIdentifier());
    f.put("encryptedKey", Base64.getEncoder().encodeToString(vault.encrypt(keyId, alg, plaintext)));
    return f;
  }

  @Override
  protected List<String> flags() {
    return List.of(
        "--kms-endpoint",
        vault.endpoint().toString(),
        "--kms-ca-file",
        vault.caFile().toString(),
        "--azure-authority-host",
        vault.endpoint().toString(),
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
  protected Optional<Map<String, String>> wrongCredentials() {
    return Optional.of(fields("rotated-secret", "RSA-OAEP-256", MASTER));
  }

  @Override
  protected Optional<Map<String, String>> wrongKey() {
    Map<String, String> f = fields(MASTER);
    f.put("keyIdentifier", "https://atlas-vault.vault.azure.net/keys/gone/0123456789abcdef");
    return Optional.of(f);
  }

  @Override
  protected Optional<List<String>> unansweredFlags(SilentServer silent) {
    return Optional.of(List.of("--kms-endpoint", silent.uri("https").toString()));
  }

  @Override
  protected Optional<Map.Entry<Map<String, String>, String>> lineBreakCredential() {
    return Optional.of(
        Map.entry(
            fields("secret-first-line\nsecond-line", "RSA-OAEP-256", MASTER), "field secret"));
  }

  @Override
  protected List<String> secrets() {
    return List.of(
        FakeAzureKeyVault.CLIENT_SECRET, "rotated-secret", "secret-first-line", "second-line");
  }

  @Test
  void decryptsWithTheMetadatasClientSecretInOneCall() throws Exception {
    int before = vault.operations("decrypt");
    MasterKeySource s = source(fields(MASTER), flags());
    try (MasterKey k = s.decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
    assertThat(vault.operations("decrypt")).isEqualTo(before + 1);
    assertThat(s.description()).contains("metadata fields clientId, tenantId, secret");
  }

  @Test
  void fallsBackToRsaOaep() throws Exception {
    try (MasterKey k =
        source(fields(FakeAzureKeyVault.CLIENT_SECRET, "RSA-OAEP", MASTER), flags()).decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }

  @Test
  void aWrongSecretGivesTheEntraCodeAndWhichFieldsToUpdate() throws Exception {
    kmsError(() -> source(wrongCredentials().orElseThrow(), flags()))
        .hasMessageContaining("Azure Key Vault refused the credentials")
        .hasMessageContaining("AADSTS7000215")
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("fields clientId, tenantId, secret")
                    .contains("--azure-client-secret"));
  }

  @Test
  void aSecretOnTheCommandLineWins() throws Exception {
    try (MasterKey k =
        source(
                fields("stale", "RSA-OAEP-256", MASTER),
                flags("--azure-client-secret", FakeAzureKeyVault.CLIENT_SECRET))
            .decrypt()) {
      assertThat(k.fingerprint()).isEqualTo(fingerprint(MASTER));
    }
  }

  @Test
  void forbiddenSaysToGrantDecrypt() throws Exception {
    vault.addClient("0000aaaa-0000-4000-8000-000000000001", "s3cr3t-other");
    vault.denyKeyOperations("0000aaaa-0000-4000-8000-000000000001");
    Map<String, String> f = fields("s3cr3t-other", "RSA-OAEP-256", MASTER);
    f.put("clientID", "0000aaaa-0000-4000-8000-000000000001");
    kmsError(() -> source(f, flags())).hasMessageContaining("denied");
  }

  @Test
  void aCiphertextNoAlgorithmOpensIsAWrongKeyError() throws Exception {
    Map<String, String> f = fields(MASTER);
    f.put("encryptedKey", Base64.getEncoder().encodeToString(new byte[256]));
    kmsError(() -> source(f, flags())).hasMessageContaining("no algorithm");
  }

  @Test
  void wrapsAKeyThatDecryptsBack() throws Exception {
    Map<String, String> f = fields(MASTER);
    AzureKeySource s = (AzureKeySource) source(f, flags());
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
  void sovereignCloudsUseTheirLoginHost() throws Exception {
    Map<String, String> f = fields(MASTER);
    f.put("azureEnvironment", "AZURE_CHINA");
    SnapshotLayout.write(db, "key-1", "azure", f);
    AzureSettings s =
        (AzureSettings)
            KeySources.plan(db, Flags.parse("--kms-endpoint", vault.endpoint().toString()))
                .settings();
    assertThat(s.authorityHost()).isEqualTo("https://login.chinacloudapi.cn/");
    assertThat(s.keyIdentifier()).startsWith(vault.endpoint().toString());
  }
}
