package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.archive.ArchiveVerifier;
import io.restore.dump.storage.AzureSettings;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.S3Settings;
import io.restore.testkit.kms.MotoServer;
import io.restore.testkit.storage.AzuriteServer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.GZIPInputStream;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.bson.BsonString;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;

/**
 * Whole dumps to object stores, against moto (S3) and Azurite (Azure Blob) started here on
 * loopback: the archive is downloaded with the store's own client and checked by both archive
 * readers (every CRC, every count, every document's bytes); a dump that fails mid-way leaves
 * nothing at the final name and no pending upload.
 */
class UploadedArchiveDumpTest {
  static final int PART = 256 << 10; // several parts for a few MiB of documents
  static MotoServer moto;
  static AzuriteServer azurite;
  static S3Client s3;
  static BlobContainerClient container;
  static ObjectStores.Settings settings;
  @TempDir Path tmp;

  @BeforeAll
  static void start() throws Exception {
    Optional<Path> python = MotoServer.findPython();
    Optional<Path> azuriteBin = AzuriteServer.find();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(python).as("moto on CI").isPresent();
      assertThat(azuriteBin).as("azurite on CI").isPresent();
    }
    assumeThat(python).as("moto is installed").isPresent();
    assumeThat(azuriteBin).as("azurite is installed").isPresent();
    moto =
        MotoServer.start(python.get(), Map.of("S3_UPLOAD_PART_MIN_SIZE", Integer.toString(PART)));
    azurite = AzuriteServer.start(azuriteBin.get());
    S3Settings s3s =
        new S3Settings(
            Optional.of(moto.endpoint()),
            Optional.of("us-east-1"),
            Optional.empty(),
            Optional.of(
                new S3Settings.StaticKeys(
                    moto.account().accessKeyId(), moto.account().secretAccessKey())));
    AzureSettings azs =
        new AzureSettings(
            Optional.of(azurite.endpoint()), Optional.empty(), Optional.of(AzuriteServer.KEY));
    settings = new ObjectStores.Settings(s3s, azs, PART, 3);
    s3 = io.restore.dump.storage.TestClients.s3(s3s);
    s3.createBucket(r -> r.bucket("restore-dumps"));
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
    if (s3 != null) {
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
    if (azurite != null) {
      azurite.close();
    }
  }

  static DumpFixture fixture() {
    DumpFixture fx = new DumpFixture().withSampleData();
    List<BsonDocument> docs = new ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      docs.add(
          new BsonDocument("_id", new BsonInt32(i))
              .append("pad", new BsonString("p".repeat(1000))));
    }
    fx.client.getDatabase("big").getCollection("docs", BsonDocument.class).insertMany(docs);
    return fx;
  }

  static DumpRequest request(String uri, boolean gzip) {
    return DumpRequest.of(
            new DumpOutput.UploadedArchive(Destination.parse("--archive", uri), settings))
        .withGzip(gzip);
  }

  static DumpSummary dump(DumpFixture fx, DumpRequest r, DumpProgress p) {
    return new Dumper(new ByteArrayOutputStream(), Map.of(), Clock.systemUTC(), () -> "u1")
        .dump(fx.uri, r, p);
  }

  /** Both readers over the downloaded bytes, and every document against the server's. */
  static void checkArchive(DumpFixture fx, byte[] archive) throws IOException {
    Map<Namespace, Long> expected = new java.util.LinkedHashMap<>(fx.expectedDefaultNamespaces());
    expected.put(new Namespace("big", "docs"), 4000L);
    ArchiveVerifier.Report report = ArchiveVerifier.verify(new ByteArrayInputStream(archive));
    assertThat(report.namespaces()).hasSize(expected.size());
    expected.forEach(
        (ns, n) ->
            assertThat(report.namespaces().get(ns).documents()).as(ns.toString()).isEqualTo(n));
    var parsed = IndependentArchiveReader.parse(archive);
    for (Namespace ns : expected.keySet()) {
      List<String> hex =
          new ArrayList<>(
              parsed.documents().getOrDefault(ns.toString(), List.of()).stream()
                  .map(b -> HexFormat.of().formatHex(b))
                  .toList());
      hex.sort(null);
      assertThat(hex).as(ns.toString()).isEqualTo(fx.rawHex(ns.db(), ns.collection()));
    }
  }

  static String sha256(byte[] b) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
  }

  static byte[] gunzip(byte[] b) throws IOException {
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(b))) {
      return in.readAllBytes();
    }
  }

  /** Stops the server once the first documents were read: the dump fails mid-way. */
  static DumpProgress killingServerOf(DumpFixture fx) {
    AtomicBoolean killed = new AtomicBoolean();
    return new DumpProgress() {
      @Override
      public void advanced(Namespace ns, long documents, long bytes) {
        if (ns.db().equals("big") && killed.compareAndSet(false, true)) {
          fx.server.shutdownNow();
        }
      }
    };
  }

  @Test
  void s3ArchiveInSeveralPartsDownloadsAndVerifies() throws Exception {
    try (DumpFixture fx = fixture()) {
      Path summary = tmp.resolve("s.json");
      DumpSummary s =
          dump(
              fx,
              request("s3://restore-dumps/nightly/x.archive", false).withSummaryJson(summary),
              DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      assertThat(s.output()).isEqualTo("s3://restore-dumps/nightly/x.archive");
      assertThat(s.archiveCheck()).contains("read back while uploading", "every CRC-64 matches");
      byte[] got =
          s3.getObjectAsBytes(r -> r.bucket("restore-dumps").key("nightly/x.archive"))
              .asByteArray();
      checkArchive(fx, got);
      assertThat(s.upload().parts()).isGreaterThan(4);
      assertThat(s.upload().bytes()).isEqualTo(got.length);
      assertThat(s.upload().sha256()).isEqualTo(sha256(got));
      assertThat(Files.readString(summary))
          .contains("\"output\": \"s3://restore-dumps/nightly/x.archive\"", sha256(got));
      assertThat(s3.listMultipartUploads(r -> r.bucket("restore-dumps")).uploads()).isEmpty();
    }
  }

  @Test
  void s3DumpFailingMidWayLeavesNoObjectAndNoPendingUpload() {
    try (DumpFixture fx = fixture()) {
      RestoreException e = null;
      try {
        dump(fx, request("s3://restore-dumps/failed.archive", false), killingServerOf(fx));
      } catch (RestoreException x) {
        e = x;
      }
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
      assertThat(e.getMessage()).contains("s3://restore-dumps/failed.archive");
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> s3.headObject(r -> r.bucket("restore-dumps").key("failed.archive")))
        .isInstanceOf(NoSuchKeyException.class);
    assertThat(s3.listMultipartUploads(r -> r.bucket("restore-dumps")).uploads()).isEmpty();
  }

  @Test
  void azureGzipArchiveDownloadsAndVerifies() throws Exception {
    String uri = "az://" + AzuriteServer.ACCOUNT + "/dumps/nightly/x.archive.gz";
    try (DumpFixture fx = fixture()) {
      DumpSummary s = dump(fx, request(uri, true), DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      byte[] got = container.getBlobClient("nightly/x.archive.gz").downloadContent().toBytes();
      checkArchive(fx, gunzip(got));
      assertThat(s.upload().sha256()).isEqualTo(sha256(got));
      assertThat(s.upload().bytes()).isEqualTo(got.length); // gzip: few parts for this data
    }
  }

  @Test
  void azureDumpFailingMidWayLeavesNoBlob() {
    String uri = "az://" + AzuriteServer.ACCOUNT + "/dumps/failed.archive";
    try (DumpFixture fx = fixture()) {
      RestoreException e = null;
      try {
        dump(fx, request(uri, false), killingServerOf(fx));
      } catch (RestoreException x) {
        e = x;
      }
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
    }
    assertThat(container.getBlobClient("failed.archive").exists()).isFalse();
  }
}
