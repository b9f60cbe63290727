package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.cloud.NoCredentials;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restore.ExitCode;
import io.restore.testkit.storage.GcsJsonApiDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * {@code restore dump} to a store from the command line, through the Cloud Storage double: the
 * archive, a directory under a prefix and the summary all go to gs://, the summary naming the
 * destination and the archive's size and SHA-256; upload sizing flags are range-checked while
 * parsing.
 */
class DumpToStoreCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private GcsJsonApiDouble gcs;
  private Storage storage;
  private MongoServer server;
  private String uri;

  @BeforeEach
  void start() throws Exception {
    gcs = GcsJsonApiDouble.start();
    gcs.createBucket("restore-dumps");
    storage =
        StorageOptions.http()
            .setHost(gcs.endpoint().toString())
            .setProjectId("test")
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService();
    server = new MongoServer(new MemoryBackend());
    var addr = server.bind();
    uri = "mongodb://127.0.0.1:" + addr.getPort() + "/?serverSelectionTimeoutMS=2000";
    try (var client = com.mongodb.client.MongoClients.create(uri)) {
      client.getDatabase("shop").getCollection("orders").insertOne(new org.bson.Document("_id", 1));
    }
  }

  @AfterEach
  void stop() throws Exception {
    server.shutdownNow();
    storage.close();
    gcs.close();
  }

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  private String text(String name) {
    return new String(
        storage.readAllBytes(BlobId.of("restore-dumps", name)), StandardCharsets.UTF_8);
  }

  @Test
  void archiveAndSummaryToCloudStorage() throws Exception {
    int code =
        run(
            "dump",
            "--uri",
            uri,
            "--archive=gs://restore-dumps/nightly/x.archive",
            "--gcs-endpoint",
            gcs.endpoint().toString(),
            "--gcs-anonymous",
            "--summary-json",
            "gs://restore-dumps/nightly/x.summary.json");
    assertThat(code).as(err.toString()).isZero();
    byte[] archive = storage.readAllBytes(BlobId.of("restore-dumps", "nightly/x.archive"));
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(archive));
    assertThat(text("nightly/x.summary.json"))
        .contains("\"ok\": true")
        .contains("\"output\": \"gs://restore-dumps/nightly/x.archive\"")
        .contains("\"bytes\": " + archive.length)
        .contains("\"sha256\": \"" + sha + "\"")
        .contains("\"seconds\"");
    assertThat(gcs.pendingSessions()).isZero();
  }

  @Test
  void directoryUnderAPrefixWithItsManifest() {
    int code =
        run(
            "dump",
            "--uri",
            uri,
            "--out",
            "gs://restore-dumps/dir/nightly/",
            "--gcs-endpoint",
            gcs.endpoint().toString(),
            "--gcs-anonymous");
    assertThat(code).as(err.toString()).isZero();
    assertThat(gcs.names("restore-dumps"))
        .contains(
            "dir/nightly/prelude.json",
            "dir/nightly/shop/orders.bson",
            "dir/nightly/shop/orders.metadata.json",
            "dir/nightly/restore-manifest.json");
    assertThat(text("dir/nightly/restore-manifest.json"))
        .contains("\"name\": \"shop/orders.bson\"", "\"sha256\"", "\"documents\": 1");
  }

  @Test
  void aFailedDumpStillWritesTheSummaryToTheStore() {
    server.shutdownNow();
    int code =
        run(
            "dump",
            "--uri",
            uri,
            "--archive=gs://restore-dumps/failed.archive",
            "--gcs-endpoint",
            gcs.endpoint().toString(),
            "--gcs-anonymous",
            "--summary-json",
            "gs://restore-dumps/failed.summary.json");
    assertThat(code).isEqualTo(ExitCode.DUMP_FAILED.value());
    assertThat(text("failed.summary.json")).contains("\"ok\": false", "\"exitCode\": 9");
    assertThat(gcs.names("restore-dumps")).doesNotContain("failed.archive");
  }

  @ParameterizedTest
  @CsvSource({
    "--upload-part-size,4",
    "--upload-part-size,513",
    "--upload-parallel,0",
    "--upload-parallel,17",
    "--upload-parallel,many"
  })
  void uploadSizingOutOfRangeIsAUsageErrorNamingTheFlag(String flag, String value) {
    int code = run("dump", "--uri", uri, "--archive=gs://restore-dumps/x.archive", flag, value);
    assertThat(code).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains(flag).contains("'" + value + "'");
    assertThat(gcs.names("restore-dumps")).isEmpty();
  }
}
