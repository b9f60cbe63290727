package io.restore.dump.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.kms.MotoServer;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Multipart uploads to moto (a third-party S3 emulator, SigV4 and IAM checks on) through the real
 * SDK: several parts (moto accepts 256 KiB parts here), the object read back with the S3 client,
 * abort on failure and refusal of an existing object.
 */
class S3UploadMotoTest {
  static final int PART = 256 << 10;
  static MotoServer moto;
  static S3Client s3;
  static ObjectStores.Settings settings;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> python = MotoServer.findPython();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(python).as("moto (pyenv python with moto 5.2.1 and boto3) on CI").isPresent();
    }
    assumeThat(python).as("moto is installed").isPresent();
    moto =
        MotoServer.start(python.get(), Map.of("S3_UPLOAD_PART_MIN_SIZE", Integer.toString(PART)));
    S3Settings s3Settings =
        new S3Settings(
            Optional.of(moto.endpoint()),
            Optional.of("us-east-1"),
            Optional.empty(),
            Optional.of(
                new S3Settings.StaticKeys(
                    moto.account().accessKeyId(), moto.account().secretAccessKey())));
    settings =
        new ObjectStores.Settings(
            s3Settings, AzureSettings.fromEnvironment(Optional.empty()), PART, 2);
    s3 = S3Store.client(s3Settings);
    s3.createBucket(r -> r.bucket("restore-dumps"));
  }

  @AfterAll
  static void stop() {
    if (s3 != null) {
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
  }

  static byte[] random(int n, long seed) {
    byte[] b = new byte[n];
    new Random(seed).nextBytes(b);
    return b;
  }

  static void write(OutputStream out, byte[] data) throws IOException {
    for (int off = 0; off < data.length; off += 10_000) { // odd slices: parts cut mid-write
      out.write(data, off, Math.min(10_000, data.length - off));
    }
    out.close();
  }

  static int pendingUploads() {
    return s3.listMultipartUploads(r -> r.bucket("restore-dumps")).uploads().size();
  }

  @Test
  void severalPartsCommittedAndReadBackWithTheSdk() throws Exception {
    Destination d = Destination.parse("--archive", "s3://restore-dumps/nightly/a.archive");
    byte[] data = random(5 * PART + 1234, 1);
    try (ObjectUpload up = ObjectStores.open(d, settings, false)) {
      write(up.stream(), data);
      assertThatThrownBy(
              () -> s3.headObject(r -> r.bucket("restore-dumps").key("nightly/a.archive")))
          .as("nothing under the final name before the commit")
          .isInstanceOf(NoSuchKeyException.class);
      up.commit();
      assertThat(up.stats().parts()).isEqualTo(6);
      assertThat(up.stats().bytes()).isEqualTo(data.length);
      assertThat(up.stats().sha256())
          .isEqualTo(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data)));
    }
    byte[] back =
        s3.getObjectAsBytes(r -> r.bucket("restore-dumps").key("nightly/a.archive")).asByteArray();
    assertThat(back).isEqualTo(data);
    assertThat(pendingUploads()).isZero();
  }

  @Test
  void closingWithoutCommitAbortsAndLeavesNothing() throws Exception {
    Destination d = Destination.parse("--archive", "s3://restore-dumps/failed.archive");
    try (ObjectUpload up = ObjectStores.open(d, settings, false)) {
      up.stream().write(random(3 * PART, 2)); // parts in flight, then the dump "fails"
      assertThat(pendingUploads()).isEqualTo(1);
    }
    assertThat(pendingUploads()).isZero();
    assertThatThrownBy(() -> s3.headObject(r -> r.bucket("restore-dumps").key("failed.archive")))
        .isInstanceOf(NoSuchKeyException.class);
  }

  @Test
  void anExistingObjectIsRefusedUnlessOverwrite() throws Exception {
    s3.putObject(
        r -> r.bucket("restore-dumps").key("old.archive"),
        software.amazon.awssdk.core.sync.RequestBody.fromString("old"));
    Destination d = Destination.parse("--archive", "s3://restore-dumps/old.archive");
    assertThatThrownBy(() -> ObjectStores.open(d, settings, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
              assertThat(e.getMessage()).contains("s3://restore-dumps/old.archive", "exists");
              assertThat(e.nextStep()).contains("--overwrite");
            });
    byte[] data = random(PART + 1, 3);
    try (ObjectUpload up = ObjectStores.open(d, settings, true)) {
      write(up.stream(), data);
      assertThat(
              s3.getObjectAsBytes(r -> r.bucket("restore-dumps").key("old.archive")).asUtf8String())
          .as("the old object stays until the new one is committed")
          .isEqualTo("old");
      up.commit();
    }
    assertThat(s3.getObjectAsBytes(r -> r.bucket("restore-dumps").key("old.archive")).asByteArray())
        .isEqualTo(data);
  }

  @Test
  void aMissingBucketOrForeignBucketIsAClearError() {
    Destination missing = Destination.parse("--archive", "s3://restore-missing/x.archive");
    assertThatThrownBy(() -> ObjectStores.open(missing, settings, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
              assertThat(e.getMessage()).contains("restore-missing").doesNotContain("Exception");
            });
    Destination denied = Destination.parse("--archive", "s3://other-team/x.archive");
    assertThatThrownBy(() -> ObjectStores.open(denied, settings, false))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
              assertThat(e.getMessage()).contains("refused", "403");
              assertThat(e.nextStep()).contains("s3:PutObject");
            });
  }
}
