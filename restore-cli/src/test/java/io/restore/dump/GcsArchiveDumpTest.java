package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.storage.AzureSettings;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.GcsSettings;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.S3Settings;
import io.restore.testkit.storage.GcsJsonApiDouble;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whole dumps to gs:// through the Cloud Storage JSON API double: the archive is downloaded with
 * the real {@code google-cloud-storage} client and checked by both archive readers; a dump that
 * fails mid-way leaves nothing at the final name and no pending resumable session.
 */
class GcsArchiveDumpTest {
  static GcsJsonApiDouble gcs;
  static Storage storage;
  static ObjectStores.Settings settings;

  @BeforeAll
  static void start() throws Exception {
    gcs = GcsJsonApiDouble.start();
    gcs.createBucket("restore-dumps");
    settings =
        new ObjectStores.Settings(
            S3Settings.defaults(),
            AzureSettings.fromEnvironment(Optional.empty()),
            new GcsSettings(Optional.of(gcs.endpoint()), Optional.empty(), Optional.empty(), true),
            UploadedArchiveDumpTest.PART,
            3);
    storage =
        StorageOptions.http()
            .setHost(gcs.endpoint().toString())
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

  static DumpRequest request(String uri, boolean gzip) {
    return DumpRequest.of(
            new DumpOutput.UploadedArchive(Destination.parse("--archive", uri), settings))
        .withGzip(gzip);
  }

  @Test
  void archiveInSeveralChunksDownloadsAndVerifies() throws Exception {
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      DumpSummary s =
          UploadedArchiveDumpTest.dump(
              fx, request("gs://restore-dumps/nightly/x.archive", false), DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      assertThat(s.output()).isEqualTo("gs://restore-dumps/nightly/x.archive");
      assertThat(s.archiveCheck()).contains("read back while uploading", "every CRC-64 matches");
      byte[] got = storage.readAllBytes(BlobId.of("restore-dumps", "nightly/x.archive"));
      UploadedArchiveDumpTest.checkArchive(fx, got);
      assertThat(s.upload().parts()).isGreaterThan(4);
      assertThat(s.upload().bytes()).isEqualTo(got.length);
      assertThat(s.upload().sha256()).isEqualTo(UploadedArchiveDumpTest.sha256(got));
      assertThat(gcs.pendingSessions()).isZero();
    }
  }

  @Test
  void gzipArchiveDownloadsAndVerifies() throws Exception {
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      DumpSummary s =
          UploadedArchiveDumpTest.dump(
              fx, request("gs://restore-dumps/nightly/x.archive.gz", true), DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      byte[] got = storage.readAllBytes(BlobId.of("restore-dumps", "nightly/x.archive.gz"));
      UploadedArchiveDumpTest.checkArchive(fx, UploadedArchiveDumpTest.gunzip(got));
      assertThat(s.upload().sha256()).isEqualTo(UploadedArchiveDumpTest.sha256(got));
    }
  }

  @Test
  void dumpFailingMidWayLeavesNoObjectAndNoPendingSession() {
    long cancelled = gcs.cancelledSessions();
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      RestoreException e = null;
      try {
        UploadedArchiveDumpTest.dump(
            fx,
            request("gs://restore-dumps/failed.archive", false),
            UploadedArchiveDumpTest.killingServerOf(fx));
      } catch (RestoreException x) {
        e = x;
      }
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
      assertThat(e.getMessage()).contains("gs://restore-dumps/failed.archive");
    }
    assertThat(storage.get(BlobId.of("restore-dumps", "failed.archive"))).isNull();
    assertThat(gcs.pendingSessions()).isZero();
    assertThat(gcs.cancelledSessions()).isEqualTo(cancelled + 1);
  }
}
