package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.sample.CloudKmsSamples;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore open --exec} per cloud provider: restore decrypts the master key with the real
 * cloud SDK against the testkit's KMS double, and the stand-in opens the snapshot with it (both in
 * this JVM, {@link InJvmRestore}). The metadata is made with the doubles' own encrypt helpers, as
 * Atlas would write it.
 */
class OpenCloudProvidersTest {
  @TempDir static Path shared;
  static FakeAwsKms aws;
  static FakeAzureKeyVault azure;
  static FakeGoogleKms gcp;

  @TempDir Path state;
  @TempDir Path runtime;

  @BeforeAll
  static void startDoubles() throws Exception {
    aws = FakeAwsKms.start();
    azure = FakeAzureKeyVault.start();
    gcp = FakeGoogleKms.start();
  }

  @AfterAll
  static void stopDoubles() {
    aws.close();
    azure.close();
    gcp.close();
  }

  /** A finished run; {@code uri} is what the --exec command saw in $MONGODB_URI. */
  private record Finished(int exit, String stderr, String uri, String transcript) {}

  private Finished exec(Sample sample, String... keyOptions) throws Exception {
    Path seen = Files.createTempFile(shared, "uri", ".txt");
    List<String> args =
        new ArrayList<>(
            List.of(
                "open",
                sample.dbpath().toString(),
                "--mongod",
                RestoreProcess.standIn().toString(),
                "--kms-attempts",
                "1"));
    args.addAll(List.of(keyOptions));
    args.addAll(List.of("--exec", "--", "sh", "-c", "echo \"uri=$MONGODB_URI\" > " + seen));
    try (InJvmRestore restore =
        InJvmRestore.start(InJvmRestore.env(state, runtime, Map.of()), args)) {
      int exit = restore.awaitExit();
      restore.assertStandInsEnded();
      Leftovers.assertNoSession(state);
      Leftovers.assertNoSessionFiles(runtime);
      return new Finished(
          exit, restore.stderr(), Files.readString(seen).strip(), restore.transcript());
    }
  }

  @Test
  void awsKmsDecryptsTheKeyAndACredentialRefusalIsExit4NamingTheFlags() throws Exception {
    Sample sample = CloudKmsSamples.aws(aws, shared.resolve("aws"), 91);
    String endpoint = aws.endpoint().toString();

    Finished ok = exec(sample, "--kms-endpoint", endpoint);
    assertThat(ok.exit()).as(ok.transcript()).isZero();
    assertThat(ok.stderr())
        .contains("decrypted (aws provider)")
        .contains("mongod ready on port")
        .doesNotContain(FakeAwsKms.SECRET_ACCESS_KEY);
    assertThat(ok.uri()).startsWith("uri=mongodb://127.0.0.1:");

    Finished refused =
        exec(
            sample,
            "--kms-endpoint",
            endpoint,
            "--aws-access-key-id",
            FakeAwsKms.ACCESS_KEY_ID,
            "--aws-secret-access-key",
            "rotated-away");
    assertThat(refused.exit()).as(refused.transcript()).isEqualTo(ExitCode.KMS.value());
    assertThat(refused.stderr())
        .contains("AWS KMS refused the credentials")
        .contains("next: ")
        .contains("--aws-secret-access-key")
        .doesNotContain("rotated-away")
        .doesNotContain("KMIP server on");
  }

  @Test
  void azureKeyVaultDecryptsTheKey() throws Exception {
    Sample sample = CloudKmsSamples.azure(azure, shared.resolve("azure"), 92);

    Finished ok =
        exec(
            sample,
            "--kms-endpoint",
            azure.endpoint().toString(),
            "--kms-ca-file",
            azure.caFile().toString(),
            "--azure-authority-host",
            azure.endpoint().toString());
    assertThat(ok.exit()).as(ok.transcript()).isZero();
    assertThat(ok.stderr())
        .contains("decrypted (azure provider)")
        .contains("mongod ready on port")
        .doesNotContain(FakeAzureKeyVault.CLIENT_SECRET);
  }

  @Test
  void googleCloudKmsDecryptsTheKey() throws Exception {
    Sample sample = CloudKmsSamples.gcp(gcp, shared.resolve("gcp"), 93);

    Finished ok =
        exec(
            sample,
            "--kms-endpoint",
            gcp.endpoint().toString(),
            "--kms-ca-file",
            gcp.caFile().toString());
    assertThat(ok.exit()).as(ok.transcript()).isZero();
    assertThat(ok.stderr())
        .contains("decrypted (gcp provider)")
        .contains("mongod ready on port")
        .doesNotContain("PRIVATE KEY");
  }
}
