package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.snapshot.Provider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeySourceOptionsTest {
  private static KeySourceSettings parse(String... args) {
    InspectCommand cmd = new InspectCommand();
    new CommandLine(cmd).parseArgs(args);
    return cmd.keys.toSettings();
  }

  @Test
  void acceptsAtlasKmipProxyStandaloneSpellings() {
    KeySourceSettings s =
        parse(
            "db",
            "-cloudProvider",
            "aws",
            "-awsAccessKey",
            "AKIA1",
            "-awsSecretAccessKey",
            "s3cr3t",
            "-awsSessionToken",
            "tok",
            "-awsRegion",
            "eu-west-1");
    assertThat(s.cloudProvider()).contains(Provider.AWS);
    assertThat(s.aws().accessKeyId()).contains("AKIA1");
    assertThat(s.aws().secretAccessKey()).contains("s3cr3t");
    assertThat(s.aws().sessionToken()).contains("tok");
    assertThat(s.aws().region()).contains("eu-west-1");
  }

  @Test
  void mapsEveryFlagAndNeverPrintsSecrets() {
    KeySourceSettings s =
        parse(
            "db",
            "--key-id",
            "k",
            "--encrypted-key-file",
            "ct.bin",
            "--kms-endpoint",
            "https://vpce.example:8443",
            "--kms-timeout",
            "5",
            "--kms-attempts",
            "2",
            "--aws-secret-access-key",
            "s3cr3t",
            "--aws-access-key-id",
            "AKIA",
            "--aws-role-arn",
            "arn:aws:iam::1:role/r",
            "--azure-client-secret",
            "az-s3cr3t",
            "--gcp-credentials-file",
            "sa.json");
    assertThat(s.keyId()).contains("k");
    assertThat(s.encryptedKeyFile()).contains(Path.of("ct.bin"));
    assertThat(s.kmsEndpoint().get().getPort()).isEqualTo(8443);
    assertThat(s.timeout().getSeconds()).isEqualTo(5);
    assertThat(s.maxAttempts()).isEqualTo(2);
    assertThat(s.gcp().credentialsFile()).contains(Path.of("sa.json"));
    assertThat(s.toString()).doesNotContain("s3cr3t").doesNotContain("AKIA");
  }

  @Test
  void anUnknownProviderIsAUsageError() {
    assertThatThrownBy(() -> parse("db", "--cloud-provider", "ibm"))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("unknown provider 'ibm'");
  }
}
