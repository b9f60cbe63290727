package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.testkit.sample.SnapshotLayout;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Issue 12, defects 1, 2 and 6 through the command line: a crafted snapshot or command line gets a
 * clear refusal with the documented exit code, never a hang, a stack trace or a secret. The timeout
 * only turns a regression (a hang on a FIFO) into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UntrustedInputTest {
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

  private static void mkfifo(Path p) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("mkfifo", p.toString()).inheritIO().start().waitFor()).isZero();
  }

  private void assertCleanRefusal(int code, ExitCode expected) {
    assertThat(code).as(err.toString()).isEqualTo(expected.value());
    assertThat(err.toString())
        .startsWith("restore: ")
        .contains("  next: ")
        .doesNotContain("Exception", "\tat ", "internal error");
  }

  @Test
  void aMetadataFileThatIsAFifoIsRefusedNotRead() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k1");
    Path creds = Files.createDirectories(db().resolve("cloudProviderCredentials"));
    mkfifo(creds.resolve("k1.aws.metadata"));
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("k1.aws.metadata is a FIFO (named pipe)");
  }

  @Test
  void aMetadataFileLinkedToDevZeroIsRefused() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k1");
    Path creds = Files.createDirectories(db().resolve("cloudProviderCredentials"));
    Files.createSymbolicLink(creds.resolve("k1.local.metadata"), Path.of("/dev/zero"));
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("(a link to /dev/zero) is a character device");
  }

  @Test
  void aKeyFileThatIsAFifoOrLinksToUrandomIsRefused() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "master.key"));
    Path key = db().resolve("cloudProviderCredentials/master.key");
    mkfifo(key);
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("master.key is a FIFO (named pipe)");
    Files.delete(key);
    Files.createSymbolicLink(key, Path.of("/dev/urandom"));
    out.getBuffer().setLength(0);
    err.getBuffer().setLength(0);
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("(a link to /dev/urandom) is a character device");
  }

  @Test
  void anEncryptedKeyFileThatIsAFifoIsRefused() throws Exception {
    SnapshotLayout.write(db(), "k1", "aws", Map.of("region", "us-east-1"));
    mkfifo(db().resolve("cloudProviderCredentials/k1.aws.key"));
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("k1.aws.key is a FIFO");
  }

  @Test
  void aKeyFileFlagLinkedToDevZeroIsRefused() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k1");
    Path link = Files.createSymbolicLink(dir.resolve("zero.key"), Path.of("/dev/zero"));
    assertCleanRefusal(
        run("inspect", db().toString(), "--decrypt", "--key-file", link.toString()),
        ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("from --key-file", "is a character device");
  }

  @Test
  void metadataValuesOfTheWrongJsonTypeAreRefusedByName() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k1");
    Path creds = Files.createDirectories(db().resolve("cloudProviderCredentials"));
    Files.writeString(creds.resolve("k1.local.metadata"), "{\"keyFile\": 12}");
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("field keyFile of metadata file", "is a number");
    Files.writeString(creds.resolve("k1.local.metadata"), "{\"keyFile\": [\"a\"]}");
    err.getBuffer().setLength(0);
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("is an array, but must be a string");
    Files.delete(creds.resolve("k1.local.metadata"));
    Files.writeString(creds.resolve("k1.aws.metadata"), "{\"region\": {\"a\": 1}}");
    err.getBuffer().setLength(0);
    assertCleanRefusal(run("inspect", db().toString()), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("field region of metadata file", "is an object");
  }

  @Test
  void aKeyFileWithANulCharacterIsRefusedWhenRead() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "a\u0000b"));
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("field keyFile of", "control character (code 0)");
  }

  @Test
  void aHugeKeyFileValueIsRefusedWithoutEchoingIt() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "/x".repeat(450_000)));
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("900000 characters long").hasSizeLessThan(1_000);
  }

  @Test
  void echoedValuesAreCappedAt200Characters() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "/x".repeat(2_000)));
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.KMS);
    assertThat(err.toString()).contains("/x/x/x…").hasSizeLessThan(1_000);
    err.getBuffer().setLength(0);
    assertCleanRefusal(
        run("inspect", db().toString(), "--key-id", "y".repeat(5_000)), ExitCode.SNAPSHOT);
    assertThat(err.toString()).contains("yyy…").hasSizeLessThan(1_000);
  }

  @Test
  void outOfRangePortsAreUsageErrorsBeforeAnyWork() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "master.key"));
    for (String[] args :
        new String[][] {
          {"proxy", db().toString(), "--kmip-port", "70000"},
          {"proxy", "-dbpath", db().toString(), "-kmipPort", "-1"},
          {"proxy", db().toString(), "--mongod-port", "65536"},
          {"open", db().toString(), "--port", "70000"},
          {"dump", db().toString(), "--out", dir.resolve("o").toString(), "--port", "x"},
          {"open", db().toString(), "--startup-timeout", "0"},
          {"inspect", db().toString(), "--kms-attempts", "0"}
        }) {
      out.getBuffer().setLength(0);
      err.getBuffer().setLength(0);
      assertThat(run(args)).as(String.join(" ", args) + "\n" + err).isEqualTo(2);
      assertThat(err.toString()).contains("is not").doesNotContain("Exception", "\tat ");
    }
  }

  @Test
  void aSessionTokenWithALineBreakIsRefusedByNameNeverShown() throws Exception {
    String token = "FwoGZXIvYXdzEJr-first-line\nsecond-line-of-the-token";
    SnapshotLayout.write(
        db(),
        "k1",
        "aws",
        Map.of("region", "us-east-1", "encryptedKey", "AAAA", "customerMasterKeyId", "k"));
    int code =
        run(
            "inspect",
            db().toString(),
            "--decrypt",
            "--aws-access-key-id",
            "AKIAEXAMPLE",
            "--aws-secret-access-key",
            "secret-value",
            "--aws-session-token",
            token);
    assertCleanRefusal(code, ExitCode.KMS);
    assertThat(err.toString())
        .contains("--aws-session-token contains a control character (a line break")
        .doesNotContain("first-line", "second-line");
    assertThat(out.toString()).doesNotContain("first-line", "second-line");
  }

  @Test
  void aSessionTokenWithALineBreakInTheMetadataIsRefusedByName() throws Exception {
    SnapshotLayout.write(
        db(),
        "k1",
        "aws",
        Map.of(
            "accessKeyId", "AKIAEXAMPLE",
            "secretAccessKey", "secret-value",
            "sessionToken", "tok-first\r\ntok-second",
            "region", "us-east-1",
            "encryptedKey", "AAAA"));
    assertCleanRefusal(run("inspect", db().toString(), "--decrypt"), ExitCode.KMS);
    assertThat(err.toString())
        .contains("field sessionToken of", "contains a control character")
        .doesNotContain("tok-first", "tok-second");
  }

  @Test
  void credentialFlagsForAnotherProviderAreAWarningNamingThem() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "master.key"));
    Files.write(db().resolve("cloudProviderCredentials/master.key"), new byte[32]);
    int code =
        run(
            "inspect",
            db().toString(),
            "--aws-access-key-id",
            "AKIAEXAMPLE",
            "--aws-secret-access-key",
            "s",
            "--azure-client-secret",
            "a");
    assertThat(code).as(err.toString()).isZero();
    assertThat(out.toString())
        .contains(
            "warning:        --aws-access-key-id, --aws-secret-access-key are ignored: the"
                + " master key comes from a local key file")
        .contains("--azure-client-secret is ignored");
  }

  @Test
  void theProviderMismatchEchoesTheFlagTyped() throws Exception {
    SnapshotLayout.write(db(), "k1", "local", Map.of("keyFile", "master.key"));
    assertCleanRefusal(run("inspect", db().toString(), "--provider", "aws"), ExitCode.SNAPSHOT);
    assertThat(err.toString())
        .contains("restore: --provider aws does not match")
        .contains("next: drop --provider, or pass --provider local")
        .doesNotContain("--cloud-provider");
  }
}
