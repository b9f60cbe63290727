package io.restore.snapshot;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetadataTest {
  @TempDir Path dir;

  @Test
  void fieldNamesMatchCaseInsensitivelyAndByAlias() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("k.aws.metadata"),
            "{\"ACCESSKEYID\": \"a\", \"awsRegion\": \"eu-west-1\", \"customerMasterKeyID\": \"arn\"}");
    Metadata m = Metadata.read(f, Provider.AWS);
    assertThat(m.text(MetadataField.ACCESS_KEY_ID)).contains("a");
    assertThat(m.text(MetadataField.REGION)).contains("eu-west-1");
    assertThat(m.text(MetadataField.CUSTOMER_MASTER_KEY_ID)).contains("arn");
    assertThat(m.nameOf(MetadataField.REGION)).contains("awsRegion");
  }

  @Test
  void blankValuesCountAsAbsentLikeAtlasRoleBasedFiles() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("k.aws.metadata"),
            "{\"accessKeyId\": \"\", \"secretAccessKey\": \"\", \"roleId\": \"r\", \"region\": \"us-east-1\"}");
    Metadata m = Metadata.read(f, Provider.AWS);
    assertThat(m.presentFields()).containsExactly(MetadataField.REGION, MetadataField.ROLE_ID);
  }

  @Test
  void objectValuesReadAsCompactJson() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("k.gcp.metadata"),
            "{\"serviceAccountKey\": {\"type\": \"service_account\"}}");
    assertThat(Metadata.read(f, Provider.GCP).text(MetadataField.SERVICE_ACCOUNT_KEY))
        .contains("{\"type\":\"service_account\"}");
  }

  @Test
  void rewriteReplacesInPlaceUnderTheFilesOwnNameAndKeepsUnknownFields() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("k.aws.metadata"),
            "{\"atlasThing\": 7, \"accessKeyID\": \"old\", \"region\": \"us-east-1\"}");
    Metadata m =
        Metadata.read(f, Provider.AWS)
            .with("accessKeyId", "new")
            .with("secretAccessKey", "s")
            .with("custom", "c");
    assertThat(m.toJson())
        .isEqualTo(
            "{\n  \"atlasThing\": 7,\n  \"accessKeyID\": \"new\",\n  \"region\": \"us-east-1\",\n"
                + "  \"secretAccessKey\": \"s\",\n  \"custom\": \"c\"\n}\n");
    assertThat(m.unknownFieldNames()).containsExactly("atlasThing", "custom");
  }

  @Test
  void writerReplacesAtomicallyWithOwnerOnlyPermissions() throws Exception {
    Path f = Files.writeString(dir.resolve("k.aws.metadata"), "{\"region\": \"x\"}");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rw-r--r--"));
    MetadataWriter.write(Metadata.read(f, Provider.AWS).with("region", "y"));
    assertThat(Files.readString(f)).isEqualTo("{\n  \"region\": \"y\"\n}\n");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
        .isEqualTo("rw-------");
    try (var s = Files.list(dir)) {
      assertThat(s).containsExactly(f);
    }
  }

  @Test
  void toStringShowsNamesNotValues() throws Exception {
    Path f = Files.writeString(dir.resolve("k.aws.metadata"), "{\"secretAccessKey\": \"s3cr3t\"}");
    assertThat(Metadata.read(f, Provider.AWS).toString())
        .contains("secretAccessKey")
        .doesNotContain("s3cr3t");
  }
}
