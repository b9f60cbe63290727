package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.json.Json;
import io.restore.kms.MasterKey;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.sample.SnapshotLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code restore inspect} on a sample snapshot of each provider. */
class InspectCommandTest {
  static final byte[] MASTER = new byte[32];

  static {
    for (int i = 0; i < 32; i++) {
      MASTER[i] = (byte) (7 * i + 3);
    }
  }

  @TempDir Path dir;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private Path db() {
    return dir.resolve("db");
  }

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private static String fingerprint() {
    try (MasterKey k = MasterKey.copyOf(MASTER)) {
      return k.fingerprint();
    }
  }

  @Test
  void decryptsALocalSampleAndPrintsOnlyTheFingerprint() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "master.key"));
    Files.writeString(
        db().resolve("cloudProviderCredentials/master.key"),
        Base64.getEncoder().encodeToString(MASTER) + "\n");
    assertThat(run("inspect", db().toString(), "--decrypt")).isZero();
    assertThat(out.toString())
        .contains("key id:", "k1", "provider:", "local", "fields present: keyFile")
        .contains("SHA-256 fingerprint " + fingerprint())
        .doesNotContain(Base64.getEncoder().encodeToString(MASTER));
  }

  @Test
  void decryptsAnAwsSampleWithKmipProxyStyleFlags() throws Exception {
    try (FakeAwsKms kms = FakeAwsKms.start()) {
      String arn = kms.createKey();
      Map<String, String> f = new LinkedHashMap<>();
      f.put("accessKeyId", "");
      f.put("secretAccessKey", "");
      f.put("roleId", "role-1");
      f.put("customerMasterKeyID", arn);
      f.put("region", "us-east-1");
      f.put("encryptedKey", Base64.getEncoder().encodeToString(kms.encrypt(arn, MASTER, Map.of())));
      SnapshotLayout.write(db(), "k2", "aws", f);
      int code =
          run(
              "inspect",
              db().toString(),
              "--decrypt",
              "--kms-endpoint",
              kms.endpoint().toString(),
              "--kms-attempts",
              "1",
              "-awsAccessKey",
              FakeAwsKms.ACCESS_KEY_ID,
              "-awsSecretAccessKey",
              FakeAwsKms.SECRET_ACCESS_KEY,
              "-awsRegion",
              "us-east-1");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString())
          .contains("SHA-256 fingerprint " + fingerprint())
          .contains("command line (-awsAccessKey, -awsSecretAccessKey)")
          .doesNotContain(FakeAwsKms.SECRET_ACCESS_KEY);
    }
  }

  @Test
  void decryptsAnAzureSample() throws Exception {
    try (FakeAzureKeyVault vault = FakeAzureKeyVault.start()) {
      String keyId = vault.createKey("atlas");
      Map<String, String> f = new LinkedHashMap<>();
      f.put("clientID", FakeAzureKeyVault.CLIENT_ID);
      f.put("tenantID", FakeAzureKeyVault.TENANT_ID);
      f.put("secret", FakeAzureKeyVault.CLIENT_SECRET);
      f.put("keyIdentifier", "https://v.vault.azure.net" + URI.create(keyId).getPath());
      f.put(
          "encryptedKey",
          Base64.getEncoder().encodeToString(vault.encrypt(keyId, "RSA-OAEP-256", MASTER)));
      SnapshotLayout.write(db(), "k3", "azure", f);
      int code =
          run(
              "inspect",
              db().toString(),
              "--decrypt",
              "--kms-endpoint",
              vault.endpoint().toString(),
              "--kms-ca-file",
              vault.caFile().toString(),
              "--azure-authority-host",
              vault.endpoint().toString(),
              "--kms-attempts",
              "1");
      assertThat(code).as(err.toString()).isZero();
      assertThat(out.toString()).contains("SHA-256 fingerprint " + fingerprint());
    }
  }

  @Test
  void decryptsAGcpSampleAsJson() throws Exception {
    try (FakeGoogleKms kms = FakeGoogleKms.start()) {
      String key = kms.createKey("atlas");
      Map<String, String> f = new LinkedHashMap<>();
      f.put("serviceAccountKey", kms.serviceAccountKeyJson());
      f.put("keyVersionResourceID", key);
      f.put(
          "encryptedKey",
          Base64.getEncoder().encodeToString(kms.encrypt(key, MASTER, new byte[0])));
      f.put("atlasOnlyField", "x");
      SnapshotLayout.write(db(), "k4", "gcp", f);
      int code =
          run(
              "inspect",
              db().toString(),
              "--decrypt",
              "--json",
              "--kms-endpoint",
              kms.endpoint().toString(),
              "--kms-ca-file",
              kms.caFile().toString());
      assertThat(code).as(err.toString()).isZero();
      Map<String, Object> json = Json.parseObject(out.toString());
      assertThat(json)
          .containsEntry("keyId", "k4")
          .containsEntry("provider", "gcp")
          .containsEntry("fingerprint", fingerprint())
          .containsEntry("ok", true);
      assertThat(json.get("otherFields").toString()).contains("atlasOnlyField");
      assertThat(out.toString()).doesNotContain("PRIVATE KEY");
    }
  }

  @Test
  void withoutAnEncryptedKeyItReportsAndExitsWithSnapshot() throws Exception {
    SnapshotLayout.write(db(), "k5", "aws", Map.of("region", "us-east-1", "accessKeyId", "AKIA"));
    assertThat(run("inspect", db().toString())).isEqualTo(ExitCode.SNAPSHOT.value());
    assertThat(out.toString()).contains("fields present: accessKeyId (secret), region");
    assertThat(err.toString()).contains("no encrypted master key", "next:");
  }

  @Test
  void refusesSeveralKeysUntilKeyIdChooses() throws Exception {
    Path key = Files.write(dir.resolve("k6.key"), MASTER);
    SnapshotLayout.write(db(), "k6", "local", Map.of("keyFile", key.toString()));
    SnapshotLayout.writeKeyStore(db(), "k7");
    assertThat(run("inspect", db().toString())).isEqualTo(ExitCode.SNAPSHOT.value());
    assertThat(err.toString()).contains("k6, k7", "--key-id");
    assertThat(run("inspect", db().toString(), "--key-id", "k6")).isZero();
  }

  @Test
  void aKeyFileFlagWorksWithoutMetadata() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k8");
    Path key = Files.write(dir.resolve("master.bin"), MASTER);
    assertThat(run("inspect", db().toString(), "--decrypt", "--key-file", key.toString()))
        .as(err.toString())
        .isZero();
    assertThat(out.toString()).contains("(absent)", fingerprint());
  }

  @Test
  void aBrokenArchiveIsReadAndExplained() throws Exception {
    // archives are sources now (issue 17): a one-byte "archive" is read and refused clearly
    Path tgz = Files.write(dir.resolve("snap.tar.gz"), new byte[] {31});
    assertThat(run("inspect", tgz.toString())).isEqualTo(ExitCode.SNAPSHOT.value());
    assertThat(err.toString()).contains(tgz.toString()).doesNotContain("Exception");
  }

  @Test
  void withoutDecryptAMissingKeyFileIsStillAProblem() throws Exception {
    SnapshotLayout.write(db(), "k9", "local", Map.of("keyFile", "missing.key"));
    assertThat(run("inspect", db().toString(), "--json")).isEqualTo(ExitCode.KMS.value());
    Map<String, Object> json = Json.parseObject(out.toString());
    assertThat(json).containsEntry("ok", false);
    assertThat(json.get("problem").toString())
        .contains(db().resolve("cloudProviderCredentials/missing.key").toString())
        .contains("no such file")
        .doesNotContain("Exception");
    assertThat(json.get("keySource").toString())
        .contains(db().resolve("cloudProviderCredentials/missing.key").toString());
  }

  @Test
  void relativePathsAreResolvedInTheOutput() throws Exception {
    SnapshotLayout.write(db(), "k10", "local", Map.of("keyFile", "../m.key"));
    Files.write(db().resolve("m.key"), MASTER);
    Path relative = Path.of("").toAbsolutePath().relativize(db());
    assertThat(run("inspect", relative.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("dbpath:         " + db())
        .contains("local key file " + db().resolve("m.key"));
  }

  private Path localSnapshot(String name, String keyId) throws Exception {
    Path d = dir.resolve(name);
    SnapshotLayout.write(d, keyId, "local", Map.of("keyFile", "master.key"));
    Files.writeString(
        d.resolve("cloudProviderCredentials/master.key"),
        Base64.getEncoder().encodeToString(MASTER) + "\n");
    return d;
  }

  @Test
  void severalSourcesAreEachShownUnderTheirSource() throws Exception {
    Path cfg = localSnapshot("cfg", "k-cfg");
    Path shard = localSnapshot("shard0", "k-shard0");
    assertThat(run("inspect", cfg.toString(), shard.toString())).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains("source " + cfg + "\n")
        .contains("source " + shard + "\n")
        .contains("k-cfg")
        .contains("k-shard0");
  }

  @Test
  void severalSourcesInJsonAreDocumentedComponents() throws Exception {
    Path cfg = localSnapshot("cfg", "k-cfg");
    Path shard = localSnapshot("shard0", "k-shard0");
    assertThat(run("inspect", cfg.toString(), shard.toString(), "--json"))
        .as(err.toString())
        .isZero();
    Map<String, Object> json = Json.parseObject(out.toString());
    Map<String, Object> documented = JsonDocs.example("inspect-components");
    assertThat(json.keySet()).isEqualTo(documented.keySet());
    assertThat(json).containsEntry("ok", true);
    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> components =
        (java.util.List<Map<String, Object>>) json.get("components");
    assertThat(components).extracting(c -> c.get("keyId")).containsExactly("k-cfg", "k-shard0");
    assertThat(components.get(0)).containsEntry("source", cfg.toString());
    @SuppressWarnings("unchecked")
    Map<String, Object> first =
        ((java.util.List<Map<String, Object>>) documented.get("components")).get(0);
    assertThat(first).containsKey("source");
  }

  @Test
  void aProblemInOneOfSeveralSourcesNamesIt() throws Exception {
    Path cfg = localSnapshot("cfg", "k-cfg");
    Path shard = dir.resolve("shard0");
    SnapshotLayout.write(shard, "k-shard0", "local", Map.of("keyFile", "missing.key"));
    assertThat(run("inspect", cfg.toString(), shard.toString())).isEqualTo(ExitCode.KMS.value());
    assertThat(out.toString()).contains("k-cfg").contains("k-shard0");
    assertThat(err.toString())
        .contains("component " + shard + ": ")
        .contains("missing.key")
        .doesNotContain("Exception");
  }

  @Test
  void atlasFlagsWithoutAnAtlasSourceAreAUsageError() throws Exception {
    Path cfg = localSnapshot("cfg", "k-cfg");
    assertThat(
            run(
                "inspect",
                cfg.toString(),
                "--atlas-base-url",
                "https://127.0.0.1:1",
                "--atlas-timeout",
                "5m"))
        .isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("--atlas-base-url, --atlas-timeout apply to an atlas:// source only")
        .doesNotContain("Exception");
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void proxyOfSeveralSourcesIsAUsageErrorSayingWhatToRun() throws Exception {
    Path cfg = localSnapshot("cfg", "k-cfg");
    Path shard = localSnapshot("shard0", "k-shard0");
    assertThat(run("proxy", cfg.toString(), shard.toString())).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("restore proxy serves one replica set's snapshot, and 2 sources were given")
        .contains("restore open SOURCE…");
  }
}
