package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.RestoreException;
import io.restore.kms.Given;
import io.restore.kms.KeySourceFlags;
import io.restore.snapshot.Provider;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class KeySourceOptionsTest {
  @Test
  void acceptsAtlasKmipProxyStandaloneSpellingsAndRemembersThem() {
    KeySourceFlags f =
        Flags.parse(
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
    assertThat(f.cloudProvider())
        .contains(new KeySourceFlags.ProviderFlag(Provider.AWS, "-cloudProvider"));
    assertThat(f.aws().accessKeyId()).contains(new Given("AKIA1", "-awsAccessKey"));
    assertThat(f.aws().secretAccessKey()).contains(new Given("s3cr3t", "-awsSecretAccessKey"));
    assertThat(f.aws().sessionToken()).contains(new Given("tok", "-awsSessionToken"));
    assertThat(f.aws().region()).contains(new Given("eu-west-1", "-awsRegion"));
  }

  @Test
  void theProviderFlagIsTheSpellingTheUserTyped() {
    assertThat(Flags.parse("--provider", "gcp").cloudProvider().map(p -> p.flag()))
        .contains("--provider");
    assertThat(Flags.parse("--cloud-provider=gcp").cloudProvider().map(p -> p.flag()))
        .contains("--cloud-provider");
  }

  @Test
  void mapsEveryFlagAndNeverPrintsSecrets() {
    KeySourceFlags f =
        Flags.parse(
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
    assertThat(f.keyId()).contains("k");
    assertThat(f.encryptedKeyFile()).contains(Path.of("ct.bin"));
    assertThat(f.call().endpoint().get().getPort()).isEqualTo(8443);
    assertThat(f.call().timeout().getSeconds()).isEqualTo(5);
    assertThat(f.call().maxAttempts()).isEqualTo(2);
    assertThat(f.gcp().credentialsFile()).contains(Path.of("sa.json"));
    assertThat(f.toString()).doesNotContain("s3cr3t").doesNotContain("AKIA");
  }

  @Test
  void secretsFromTheEnvironmentNameTheirVariableAndAFlagWins() {
    Map<String, String> env =
        Map.of("RESTORE_AWS_SESSION_TOKEN", "env-tok", "RESTORE_AZURE_CLIENT_SECRET", "env-s");
    KeySourceFlags f = Flags.parse(env, "--azure-client-secret", "flag-s");
    assertThat(f.aws().sessionToken()).contains(new Given("env-tok", "RESTORE_AWS_SESSION_TOKEN"));
    assertThat(f.azure().clientSecret()).contains(new Given("flag-s", "--azure-client-secret"));
    // only typed flags count as a mistake when the snapshot uses another provider
    assertThat(f.typedFlagsFor(Provider.AWS)).isEmpty();
    assertThat(f.typedFlagsFor(Provider.AZURE)).containsExactly("--azure-client-secret");
  }

  @Test
  void anUnknownProviderIsAUsageErrorNamingTheFlagTyped() {
    assertThatThrownBy(() -> Flags.parse("--provider", "ibm"))
        .isInstanceOf(RestoreException.class)
        .hasMessage("unknown provider 'ibm' for --provider");
  }

  @Test
  void outOfRangeValuesAreRefusedWhileParsing() {
    for (String[] bad :
        new String[][] {
          {"--kms-timeout", "0"},
          {"--kms-timeout", "-3"},
          {"--kms-attempts", "11"},
          {"--kms-endpoint", "not a url"},
          {"--kms-endpoint", "ftp://host"},
          {"--aws-sts-endpoint", "localhost"}
        }) {
      assertThatThrownBy(() -> Flags.parse(bad))
          .as(String.join(" ", bad))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining("is not");
    }
    assertThat(Flags.parse("--kms-endpoint", "http://127.0.0.1:1").call().endpoint())
        .isNotEqualTo(Optional.empty());
  }
}
