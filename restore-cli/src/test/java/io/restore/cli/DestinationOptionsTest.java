package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.DumpOutput;
import io.restore.dump.storage.Destination;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DestinationOptionsTest {
  private static DumpOutput output(String... args) {
    DumpOptions o = new DumpOptions();
    new CommandLine(o).parseArgs(args);
    return o.toRequest().output();
  }

  @Test
  void anObjectStoreArchiveBecomesAnUploadWithItsOwnSettings() {
    DumpOutput out =
        output(
            "--archive=s3://restore-dumps/nightly.archive",
            "--s3-endpoint",
            "http://127.0.0.1:9000",
            "--s3-region",
            "eu-west-1",
            "--s3-profile",
            "backup",
            "--upload-part-size",
            "16",
            "--upload-parallel",
            "2");
    assertThat(out).isInstanceOf(DumpOutput.UploadedArchive.class);
    DumpOutput.UploadedArchive u = (DumpOutput.UploadedArchive) out;
    assertThat(u.destination())
        .isEqualTo(new Destination.S3Object("restore-dumps", "nightly.archive"));
    assertThat(u.settings().s3().endpoint()).contains(URI.create("http://127.0.0.1:9000"));
    assertThat(u.settings().s3().region()).contains("eu-west-1");
    assertThat(u.settings().s3().profile()).contains("backup");
    assertThat(u.settings().s3().keys()).isEmpty(); // the default chain, never the KMS keys
    assertThat(u.settings().partSize()).isEqualTo(16 << 20);
    assertThat(u.settings().inFlight()).isEqualTo(2);

    DumpOutput az =
        output(
            "--archive=https://acct01.blob.core.windows.net/dumps/a.archive",
            "--azure-blob-endpoint",
            "http://127.0.0.1:10000/acct01");
    assertThat(((DumpOutput.UploadedArchive) az).destination())
        .isEqualTo(new Destination.AzureBlob("acct01", "dumps", "a.archive"));
    assertThat(((DumpOutput.UploadedArchive) az).settings().azure().endpoint())
        .isEqualTo(Optional.of(URI.create("http://127.0.0.1:10000/acct01")));
    assertThat(output("--archive=dumps/a.archive"))
        .isEqualTo(DumpOutput.Archive.toFile(Path.of("dumps/a.archive")));
  }

  @Test
  void badDestinationValuesAreUsageErrors() {
    for (String[] args :
        new String[][] {
          {"--archive=s3://b"},
          {"--archive=ftp://h/x"},
          {"--archive=s3://bucket/k", "--s3-endpoint", "http://user:pw@127.0.0.1:9"},
          {"--archive=s3://bucket/k", "--s3-endpoint", "file:///x"}
        }) {
      assertThatThrownBy(() -> output(args))
          .as(String.join(" ", args))
          .isInstanceOfSatisfying(
              RestoreException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
                assertThat(e.getMessage()).doesNotContain("pw");
              });
    }
  }

  @Test
  void uploadSizingIsRangeCheckedWhileParsing() {
    for (String[] args :
        new String[][] {
          {"--archive=s3://bucket/k", "--upload-part-size", "1"},
          {"--archive=s3://bucket/k", "--upload-parallel", "0"},
          {"--archive=/tmp/x.archive", "--upload-parallel", "99"}
        }) {
      assertThatThrownBy(() -> output(args))
          .as(String.join(" ", args))
          .isInstanceOf(CommandLine.ParameterException.class)
          .hasMessageContaining(args[1])
          .hasMessageContaining("'" + args[2] + "'");
    }
  }

  @Test
  void gsAndPrefixesParse() {
    DumpOutput gs =
        output(
            "--archive=gs://restore-dumps/a.archive",
            "--gcs-endpoint",
            "http://127.0.0.1:4443",
            "--gcs-anonymous");
    assertThat(((DumpOutput.UploadedArchive) gs).destination())
        .isEqualTo(new Destination.GcsObject("restore-dumps", "a.archive"));
    assertThat(((DumpOutput.UploadedArchive) gs).settings().gcs().anonymous()).isTrue();
    DumpOutput dir = output("--out", "s3://restore-dumps/nightly");
    assertThat(((DumpOutput.UploadedDirectory) dir).prefix())
        .isEqualTo(new Destination.S3Object("restore-dumps", "nightly/"));
    DumpOutput root = output("--out", "az://acct01/dumps/", "--format", "jsonl");
    assertThat(((DumpOutput.UploadedDirectory) root).prefix())
        .isEqualTo(new Destination.AzureBlob("acct01", "dumps", ""));
    assertThat(((DumpOutput.UploadedDirectory) root).jsonFormat()).isPresent();
    assertThat(output("--out", "local/dir"))
        .isEqualTo(new DumpOutput.Directory(Path.of("local/dir")));
  }
}
