package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.testkit.kms.FakeAwsKms;
import io.restore.testkit.sample.SnapshotLayout;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetadataCommandTest {
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

  @Test
  void setUpdatesFieldsInPlaceKeepsTheRestAndIsOwnerOnly() throws Exception {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("accessKeyID", "OLD");
    f.put("secretAccessKey", "old");
    f.put("atlasThing", "keep me");
    Path md = SnapshotLayout.write(db(), "k", "aws", f);
    Path secret = Files.writeString(dir.resolve("secret.txt"), "new-secret\n");
    int code =
        run(
            "metadata",
            "set",
            db().toString(),
            "--accessKeyId",
            "NEW",
            "--secretAccessKey=@" + secret,
            "--sessionToken",
            "tok");
    assertThat(code).as(err.toString()).isZero();
    assertThat(Files.readString(md))
        .isEqualTo(
            "{\n  \"accessKeyID\": \"NEW\",\n  \"secretAccessKey\": \"new-secret\",\n"
                + "  \"atlasThing\": \"keep me\",\n  \"sessionToken\": \"tok\"\n}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(md)))
        .isEqualTo("rw-------");
    assertThat(out.toString())
        .contains("updated " + md)
        .doesNotContain("new-secret")
        .doesNotContain("NEW");
  }

  @Test
  void setCreatesALocalMetadataFileWhenAProviderIsGiven() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k");
    assertThat(run("metadata", "set", db().toString(), "--keyFile", "x.key"))
        .isEqualTo(ExitCode.SNAPSHOT.value());
    assertThat(run("metadata", "set", db().toString(), "--provider", "local", "--keyFile", "x.key"))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(db().resolve("cloudProviderCredentials/k.local.metadata")))
        .isEqualTo("{\n  \"keyFile\": \"x.key\"\n}\n");
  }

  @Test
  void setWithoutFieldsOrWithAStrayArgumentIsAUsageError() throws Exception {
    SnapshotLayout.write(db(), "k", "aws", Map.of());
    assertThat(run("metadata", "set", db().toString())).isEqualTo(ExitCode.USAGE.value());
    assertThat(run("metadata", "set", db().toString(), "region")).isEqualTo(ExitCode.USAGE.value());
    assertThat(run("metadata", "set", db().toString(), "--region"))
        .isEqualTo(ExitCode.USAGE.value());
  }

  @Test
  void wrapWritesAnAwsMetadataFileThatInspectDecrypts() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k");
    Path key = Files.write(dir.resolve("master.key"), new byte[32]);
    try (FakeAwsKms kms = FakeAwsKms.start()) {
      String arn = kms.createKey();
      int code =
          run(
              "metadata",
              "wrap",
              db().toString(),
              "--provider",
              "aws",
              "--key-file",
              key.toString(),
              "--field",
              "customerMasterKeyId=" + arn,
              "--field",
              "region=us-east-1",
              "--field",
              "accessKeyId=" + FakeAwsKms.ACCESS_KEY_ID,
              "--field",
              "secretAccessKey=" + FakeAwsKms.SECRET_ACCESS_KEY,
              "--kms-endpoint",
              kms.endpoint().toString());
      assertThat(code).as(err.toString()).isZero();
      // SHA-256 of 32 zero bytes
      String fp = "66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925";
      assertThat(out.toString()).contains("created", "k.aws.metadata", fp);
      assertThat(
              run(
                  "inspect",
                  db().toString(),
                  "--decrypt",
                  "--kms-endpoint",
                  kms.endpoint().toString()))
          .as(err.toString())
          .isZero();
      assertThat(out.toString()).contains("SHA-256 fingerprint " + fp);
    }
  }

  @Test
  void wrapForALocalKeyWritesKeyFile() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k");
    Path key = Files.write(dir.resolve("master.key"), new byte[32]);
    assertThat(
            run(
                "metadata",
                "wrap",
                db().toString(),
                "--provider",
                "local",
                "--key-file",
                key.toString()))
        .as(err.toString())
        .isZero();
    assertThat(Files.readString(db().resolve("cloudProviderCredentials/k.local.metadata")))
        .contains("\"keyFile\": \"" + key.toAbsolutePath() + "\"");
    out.getBuffer().setLength(0);
    assertThat(run("inspect", db().toString(), "--decrypt")).isZero();
  }

  @Test
  void wrapNeedsAProviderAndAKeyFile() throws Exception {
    SnapshotLayout.writeKeyStore(db(), "k");
    assertThat(run("metadata", "wrap", db().toString(), "--key-file", "x"))
        .isEqualTo(ExitCode.USAGE.value());
    assertThat(run("metadata", "wrap", db().toString(), "--provider", "aws"))
        .isEqualTo(ExitCode.USAGE.value());
  }
}
