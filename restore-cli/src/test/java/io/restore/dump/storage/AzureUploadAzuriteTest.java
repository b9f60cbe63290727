package io.restore.dump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.storage.AzuriteServer;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Block-blob uploads to Azurite (Microsoft's emulator) through the real SDK, signed with the
 * account key: several staged blocks, the blob read back with the SDK's own client, nothing at the
 * name after a failure, refusal of an existing blob.
 */
class AzureUploadAzuriteTest {
  static final int PART = 64 << 10;
  static AzuriteServer azurite;
  static BlobContainerClient container;
  static ObjectStores.Settings settings;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> bin = AzuriteServer.find();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(bin).as("azurite-blob (npm azurite, installed by scripts/test) on CI").isPresent();
    }
    assumeThat(bin).as("azurite is installed").isPresent();
    azurite = AzuriteServer.start(bin.get());
    AzureSettings az =
        new AzureSettings(
            Optional.of(azurite.endpoint()), Optional.empty(), Optional.of(AzuriteServer.KEY));
    settings = new ObjectStores.Settings(S3Settings.defaults(), az, PART, 2);
    container =
        new BlobServiceClientBuilder()
            .connectionString(azurite.connectionString())
            .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
            .buildClient()
            .getBlobContainerClient("dumps");
    container.create();
  }

  @AfterAll
  static void stop() {
    if (azurite != null) {
      azurite.close();
    }
  }

  static Destination at(String blob) {
    return Destination.parse("--archive", "az://" + AzuriteServer.ACCOUNT + "/dumps/" + blob);
  }

  @Test
  void severalBlocksCommittedAndReadBackWithTheSdk() throws Exception {
    byte[] data = S3UploadMotoTest.random(4 * PART + 77, 11);
    try (ObjectUpload up = ObjectStores.open(at("nightly/a.archive"), settings, false)) {
      S3UploadMotoTest.write(up.stream(), data);
      assertThat(container.getBlobClient("nightly/a.archive").exists())
          .as("nothing under the final name before the commit")
          .isFalse();
      up.commit();
      assertThat(up.stats().parts()).isEqualTo(5);
      assertThat(up.stats().sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }
    var blob = container.getBlobClient("nightly/a.archive");
    assertThat(blob.downloadContent().toBytes()).isEqualTo(data);
    assertThat(blob.getProperties().getMetadata())
        .containsEntry(
            "restoresha256",
            HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
  }

  @Test
  void closingWithoutCommitLeavesNothing() throws Exception {
    try (ObjectUpload up = ObjectStores.open(at("failed.archive"), settings, false)) {
      up.stream().write(S3UploadMotoTest.random(3 * PART, 12));
    }
    assertThat(container.getBlobClient("failed.archive").exists()).isFalse();
  }

  @Test
  void anExistingBlobIsRefusedUnlessOverwrite() throws Exception {
    container.getBlobClient("old.archive").upload(com.azure.core.util.BinaryData.fromString("old"));
    assertThatThrownBy(() -> ObjectStores.open(at("old.archive"), settings, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).contains("old.archive", "exists");
              assertThat(e.nextStep()).contains("--overwrite");
            });
    byte[] data = S3UploadMotoTest.random(PART + 5, 13);
    try (ObjectUpload up = ObjectStores.open(at("old.archive"), settings, true)) {
      S3UploadMotoTest.write(up.stream(), data);
      assertThat(container.getBlobClient("old.archive").downloadContent().toString())
          .isEqualTo("old");
      up.commit();
    }
    assertThat(container.getBlobClient("old.archive").downloadContent().toBytes()).isEqualTo(data);
  }

  @Test
  void aWrongKeyIsAClearError() {
    AzureSettings wrong =
        new AzureSettings(
            Optional.of(azurite.endpoint()),
            Optional.empty(),
            Optional.of(java.util.Base64.getEncoder().encodeToString(new byte[64])));
    ObjectStores.Settings s = new ObjectStores.Settings(S3Settings.defaults(), wrong, PART, 2);
    assertThatThrownBy(() -> ObjectStores.open(at("x.archive"), s, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
              assertThat(e.getMessage()).contains("refused", "403").doesNotContain("Exception");
            });
  }

  @Test
  void aBlockWhoseBytesDoNotMatchItsMd5IsRejectedByTheService() throws Exception {
    Destination.AzureBlob d = (Destination.AzureBlob) at("damaged.archive");
    try (AzureStore store = new AzureStore(AzureStore.client(settings.azure(), d), d)) {
      store.begin(false);
      byte[] data = S3UploadMotoTest.random(PART, 14);
      byte[] md5 = MessageDigest.getInstance("MD5").digest(data);
      data[17] ^= 1; // damaged after the digest was taken, as on a bad link
      assertThatThrownBy(
              () -> store.uploadPart(1, new PartStore.Part(data, data.length, md5, false)))
          .isInstanceOf(java.io.IOException.class)
          // Azure answers 400 Md5Mismatch (AzureErrors words it); Azurite 400 InvalidOperation
          .hasMessageContaining("staging block 1")
          .hasMessageContaining("400");
    }
    assertThat(container.getBlobClient("damaged.archive").exists()).isFalse();
  }
}
