package io.restore.dump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.storage.GcsJsonApiDouble;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resumable uploads to Cloud Storage's JSON API, against the testkit double (no Google emulator
 * installs here), checked with the real {@code google-cloud-storage} client: several chunks
 * finalized only by the commit, the session cancelled when the upload is abandoned, refusal of an
 * existing object, and an object whose CRC32C does not match refused by the service.
 */
class GcsUploadDoubleTest {
  static final int PART = 256 << 10;
  static GcsJsonApiDouble gcs;
  static Storage storage;
  static ObjectStores.Settings settings;

  @BeforeAll
  static void start() throws Exception {
    gcs = GcsJsonApiDouble.start();
    gcs.createBucket("restore-dumps");
    settings =
        new ObjectStores.Settings(
                S3Settings.defaults(), AzureSettings.fromEnvironment(Optional.empty()), PART, 3)
            .withGcs(
                new GcsSettings(
                    Optional.of(gcs.endpoint()), Optional.empty(), Optional.empty(), true));
    storage = client(gcs);
  }

  /** The library's own client, as a person checking the bucket would use it. */
  static Storage client(GcsJsonApiDouble d) {
    return StorageOptions.http()
        .setHost(d.endpoint().toString())
        .setProjectId("test")
        .setCredentials(NoCredentials.getInstance())
        .build()
        .getService();
  }

  @AfterAll
  static void stop() throws Exception {
    if (storage != null) {
      storage.close();
    }
    if (gcs != null) {
      gcs.close();
    }
  }

  static Destination at(String object) {
    return Destination.parse("--archive", "gs://restore-dumps/" + object);
  }

  static byte[] read(String name) {
    return storage.readAllBytes(BlobId.of("restore-dumps", name));
  }

  @Test
  void severalChunksFinalizedByTheCommitAndReadBackWithTheLibrary() throws Exception {
    byte[] data = S3UploadMotoTest.random(4 * PART + 77, 21);
    try (ObjectUpload up = ObjectStores.open(at("nightly/a.archive"), settings, false)) {
      S3UploadMotoTest.write(up.stream(), data);
      assertThat(storage.get(BlobId.of("restore-dumps", "nightly/a.archive")))
          .as("nothing under the final name before the commit")
          .isNull();
      assertThat(gcs.pendingSessions()).isEqualTo(1);
      up.commit();
      assertThat(up.stats().parts()).isEqualTo(5);
      assertThat(up.stats().sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }
    assertThat(read("nightly/a.archive")).isEqualTo(data);
    assertThat(storage.get(BlobId.of("restore-dumps", "nightly/a.archive")).getCrc32c())
        .isEqualTo(GcsJsonApiDouble.crc32c(data));
    assertThat(gcs.pendingSessions()).isZero();
  }

  // Before: a chunk answered 503 (or a reset connection) failed the whole dump.
  @Test
  void aChunkThatFailsHalfWayIsResumedFromWhatTheServiceKept() throws Exception {
    ObjectStores.Settings big =
        new ObjectStores.Settings(
            settings.s3(), settings.azure(), settings.gcs(), 4 * PART, settings.inFlight());
    byte[] data = S3UploadMotoTest.random(12 * PART + 5, 24);
    long failedBefore = gcs.failedChunks();
    gcs.failNextChunk(2 * PART); // half of the first 1 MiB chunk persisted, then 503
    try (ObjectUpload up = ObjectStores.open(at("resumed.archive"), big, false)) {
      S3UploadMotoTest.write(up.stream(), data);
      up.commit();
    }
    assertThat(gcs.failedChunks()).isEqualTo(failedBefore + 1);
    assertThat(read("resumed.archive")).isEqualTo(data);
    assertThat(gcs.pendingSessions()).isZero();
  }

  @Test
  void aFinalChunkThatFailsIsSentAgain() throws Exception {
    byte[] data = S3UploadMotoTest.random(PART / 2, 25);
    long failedBefore = gcs.failedChunks();
    gcs.failNextChunk(0);
    try (ObjectUpload up = ObjectStores.open(at("final-retried.archive"), settings, false)) {
      S3UploadMotoTest.write(up.stream(), data);
      up.commit();
    }
    assertThat(gcs.failedChunks()).isEqualTo(failedBefore + 1);
    assertThat(read("final-retried.archive")).isEqualTo(data);
    assertThat(storage.get(BlobId.of("restore-dumps", "final-retried.archive")).getCrc32c())
        .isEqualTo(GcsJsonApiDouble.crc32c(data));
  }

  @Test
  void anObjectOfExactlyWholeParts() throws Exception {
    byte[] data = S3UploadMotoTest.random(2 * PART, 22);
    try (ObjectUpload up = ObjectStores.open(at("whole.archive"), settings, false)) {
      S3UploadMotoTest.write(up.stream(), data);
      up.commit();
    }
    assertThat(read("whole.archive")).isEqualTo(data);
  }

  @Test
  void closingWithoutCommitCancelsTheSessionAndLeavesNothing() throws Exception {
    long cancelledBefore = gcs.cancelledSessions();
    try (ObjectUpload up = ObjectStores.open(at("failed.archive"), settings, false)) {
      up.stream().write(S3UploadMotoTest.random(3 * PART, 23));
    }
    assertThat(storage.get(BlobId.of("restore-dumps", "failed.archive"))).isNull();
    assertThat(gcs.pendingSessions()).isZero();
    assertThat(gcs.cancelledSessions()).isEqualTo(cancelledBefore + 1);
  }

  @Test
  void anExistingObjectIsRefusedUnlessOverwrite() throws Exception {
    gcs.put("restore-dumps", "old.archive", "old".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> ObjectStores.open(at("old.archive"), settings, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).contains("gs://restore-dumps/old.archive", "exists");
              assertThat(e.nextStep()).contains("--overwrite");
            });
    byte[] data = S3UploadMotoTest.random(PART + 5, 24);
    try (ObjectUpload up = ObjectStores.open(at("old.archive"), settings, true)) {
      S3UploadMotoTest.write(up.stream(), data);
      assertThat(new String(read("old.archive"), StandardCharsets.UTF_8)).isEqualTo("old");
      up.commit();
    }
    assertThat(read("old.archive")).isEqualTo(data);
  }

  @Test
  void anotherWriterDuringTheUploadMakesTheFinalizeFail() throws Exception {
    try (ObjectUpload up = ObjectStores.open(at("raced.archive"), settings, false)) {
      S3UploadMotoTest.write(up.stream(), S3UploadMotoTest.random(PART + 9, 25));
      gcs.put("restore-dumps", "raced.archive", "theirs".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(up::commit)
          .isInstanceOfSatisfying(
              RestoreException.class, e -> assertThat(e.getMessage()).contains("another writer"));
    }
    assertThat(new String(read("raced.archive"), StandardCharsets.UTF_8)).isEqualTo("theirs");
  }

  @Test
  void aDamagedChunkMakesTheServiceRefuseTheObject() throws Exception {
    try (ObjectUpload up = ObjectStores.open(at("damaged.archive"), settings, false)) {
      gcs.corruptNextChunk();
      S3UploadMotoTest.write(up.stream(), S3UploadMotoTest.random(3 * PART + 1, 26));
      assertThatThrownBy(up::commit)
          .isInstanceOfSatisfying(
              RestoreException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
                assertThat(e.getMessage()).contains("CRC32C", "gs://restore-dumps/damaged.archive");
              });
    }
    assertThat(storage.get(BlobId.of("restore-dumps", "damaged.archive"))).isNull();
    assertThat(gcs.pendingSessions()).isZero();
  }

  @Test
  void aMissingBucketIsAClearError() {
    assertThatThrownBy(
            () ->
                ObjectStores.open(
                    Destination.parse("--archive", "gs://no-such-bucket/x.archive"),
                    settings,
                    false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
              assertThat(e.getMessage())
                  .contains("no-such-bucket", "does not exist")
                  .doesNotContain("Exception");
            });
  }

  @Test
  void anUnreachableEndpointIsAClearError() throws Exception {
    GcsJsonApiDouble gone = GcsJsonApiDouble.start();
    gone.createBucket("restore-dumps");
    ObjectStores.Settings s =
        settings.withGcs(
            new GcsSettings(
                Optional.of(gone.endpoint()), Optional.empty(), Optional.empty(), true));
    gone.close();
    assertThatThrownBy(() -> ObjectStores.open(at("x.archive"), s, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
              assertThat(e.getMessage())
                  .contains("cannot reach Cloud Storage")
                  .doesNotContain("Exception");
            });
  }
}
