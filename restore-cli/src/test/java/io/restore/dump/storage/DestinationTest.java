package io.restore.dump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DestinationTest {
  @Test
  void parsesEachStore() {
    assertThat(Destination.parse("--archive", "s3://my-bucket/dumps/a.archive"))
        .isEqualTo(new Destination.S3Object("my-bucket", "dumps/a.archive"));
    assertThat(Destination.parse("--archive", "gs://my_bucket/a.archive.gz"))
        .isEqualTo(new Destination.GcsObject("my_bucket", "a.archive.gz"));
    assertThat(
            Destination.parse(
                "--archive", "https://acct01.blob.core.windows.net/dumps/nightly/a.archive"))
        .isEqualTo(new Destination.AzureBlob("acct01", "dumps", "nightly/a.archive"));
    assertThat(Destination.parse("--archive", "az://acct01/dumps/a.archive"))
        .isEqualTo(new Destination.AzureBlob("acct01", "dumps", "a.archive"));
    assertThat(Destination.parse("--archive", "out/a.archive"))
        .isEqualTo(new Destination.LocalFile(Path.of("out/a.archive")));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "s3://bucket",
        "s3://bucket/",
        "s3://bucket/dir/",
        "s3://Bad_Bucket/x",
        "gs:///x",
        "ftp://host/x",
        "https://example.com/x/y",
        "https://acct01.blob.core.windows.net/dumps",
        "az://acct01/Bad/x",
        "https://acct01.blob.core.windows.net/dumps/x?sig=SECRET"
      })
  void refusesWhatIsNotADestination(String value) {
    assertThatThrownBy(() -> Destination.parse("--archive", value))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).startsWith("--archive ").doesNotContain("SECRET");
              assertThat(e.nextStep()).contains("s3://");
            });
  }

  @Test
  void userInfoInAnAzureUrlIsNeverEchoed() {
    assertThatThrownBy(
            () ->
                Destination.parse(
                    "--archive", "https://user:SECRET@acct01.blob.core.windows.net/dumps/x"))
        .isInstanceOf(RestoreException.class)
        .hasMessageNotContaining("SECRET");
  }
}
