package io.restore.dist;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.kms.FakeAzureKeyVault;
import io.restore.testkit.kms.FakeGoogleKms;
import io.restore.testkit.sample.CloudKmsSamples;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Linux image's own runtime, trimmed by jlink and with other platforms' native libraries
 * removed from its jar (docs/distribution.md), still reaches every cloud KMS: {@code bin/restore
 * open --exec} per provider, as a child process with no Java on its {@code PATH}, against the
 * testkit's KMS doubles. A module or class the SDKs need at run time and the trimming dropped fails
 * here, not on a user's host.
 */
class BundledRuntimeCloudKmsIT {
  private static final Path HOME = Path.of(System.getProperty("restore.home"));
  private static final Path PROJECT = Path.of(System.getProperty("restore.projectRoot", ".."));

  @TempDir static Path work;
  static FakeAwsKms aws;
  static FakeAzureKeyVault azure;
  static FakeGoogleKms gcp;
  static Path mongod;

  @BeforeAll
  static void start() throws Exception {
    aws = FakeAwsKms.start();
    azure = FakeAzureKeyVault.start();
    gcp = FakeGoogleKms.start();
    // The stand-in is a Java program: it alone gets a Java (the build's).
    mongod = work.resolve("mongod");
    Files.writeString(
        mongod,
        "#!/bin/sh\nJAVA_HOME='"
            + System.getProperty("java.home")
            + "' RESTORE_STANDIN_CLASSPATH='"
            + PROJECT.resolve("testkit/target/mongod-standin.jar").toAbsolutePath()
            + "' exec '"
            + PROJECT.resolve("testkit/bin/mongod").toAbsolutePath()
            + "' \"$@\"\n");
    Files.setPosixFilePermissions(mongod, PosixFilePermissions.fromString("rwx------"));
  }

  @AfterAll
  static void stop() {
    aws.close();
    azure.close();
    gcp.close();
  }

  private record Run(int exit, String output) {}

  /** {@code bin/restore open SNAPSHOT --exec} with a PATH of system tools only, no JAVA_HOME. */
  private static Run open(Sample sample, String... keyOptions) throws Exception {
    List<String> command =
        new ArrayList<>(
            List.of(
                HOME.resolve("bin/restore").toString(),
                "open",
                sample.dbpath().toString(),
                "--mongod",
                mongod.toString(),
                "--kms-attempts",
                "1"));
    command.addAll(List.of(keyOptions));
    command.addAll(List.of("--exec", "--", "sh", "-c", "echo \"uri=$MONGODB_URI\""));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().put("PATH", "/usr/bin:/bin");
    pb.environment().put("HOME", work.toString());
    pb.environment().put("RESTORE_STATE_DIR", work.resolve("state").toString());
    Process p = pb.start();
    p.getOutputStream().close();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Run(p.exitValue(), new String(out, StandardCharsets.UTF_8));
  }

  private static void assertOpened(Run run, String provider) {
    assertThat(run.exit()).as(run.output()).isZero();
    assertThat(run.output())
        .contains("decrypted (" + provider + " provider)")
        .contains("uri=mongodb://127.0.0.1:");
  }

  @Test
  void awsKms() throws Exception {
    Sample sample = CloudKmsSamples.aws(aws, work.resolve("aws"), 71);
    Run run = open(sample, "--kms-endpoint", aws.endpoint().toString());
    assertOpened(run, "aws");
  }

  @Test
  void azureKeyVault() throws Exception {
    Sample sample = CloudKmsSamples.azure(azure, work.resolve("azure"), 72);
    Run run =
        open(
            sample,
            "--kms-endpoint",
            azure.endpoint().toString(),
            "--kms-ca-file",
            azure.caFile().toString(),
            "--azure-authority-host",
            azure.endpoint().toString());
    assertOpened(run, "azure");
  }

  @Test
  void googleCloudKms() throws Exception {
    Sample sample = CloudKmsSamples.gcp(gcp, work.resolve("gcp"), 73);
    Run run =
        open(
            sample,
            "--kms-endpoint",
            gcp.endpoint().toString(),
            "--kms-ca-file",
            gcp.caFile().toString());
    assertOpened(run, "gcp");
  }
}
