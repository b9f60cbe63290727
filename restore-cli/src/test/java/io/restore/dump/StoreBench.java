package io.restore.dump;

import com.azure.storage.blob.BlobServiceClientBuilder;
import io.restore.dump.storage.AzureSettings;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.GcsSettings;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.S3Settings;
import io.restore.testkit.kms.MotoServer;
import io.restore.testkit.storage.AzuriteServer;
import io.restore.testkit.storage.GcsJsonApiDouble;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * scripts/bench-dump's object-store rows, not a test. {@code stores}: starts moto (S3), Azurite
 * (Azure Blob) and the Cloud Storage JSON API double on loopback, in this JVM and its children, and
 * prints their endpoints on one {@code STORES} line. The rows ({@link DumpBench#row}) dump db
 * "bench" as an archive to each store, or to a local file for the reference measured in the same
 * run, reading the endpoints from system properties ({@code bench.s3}, {@code bench.s3.key}, {@code
 * bench.s3.secret}, {@code bench.azure}, {@code bench.gcs}).
 */
public final class StoreBench {
  static final String BUCKET = "restore-bench";

  private StoreBench() {}

  public static void main(String[] args) throws Exception {
    if (!args[0].equals("stores")) {
      throw new IllegalArgumentException("usage: StoreBench stores");
    }
    // By default the emulators hold objects in memory: moto otherwise spools every part over
    // 5 MiB to a temporary file and the completed object again, Azurite writes every block to
    // its folder, and those disk writes (emulator work a cloud service does on its own machines)
    // take the cores from the dump. BENCH_STORES_ON_DISK=1 keeps the emulators' defaults.
    boolean onDisk = "1".equals(System.getenv("BENCH_STORES_ON_DISK"));
    MotoServer moto =
        MotoServer.start(
            MotoServer.findPython().orElseThrow(() -> missing("moto")),
            onDisk ? Map.of() : Map.of("MOTO_S3_DEFAULT_KEY_BUFFER_SIZE", Long.toString(4L << 30)));
    AzuriteServer azurite;
    try {
      azurite =
          AzuriteServer.start(
              AzuriteServer.find().orElseThrow(() -> missing("azurite-blob")), !onDisk);
    } catch (Exception e) {
      moto.close(); // the shutdown hook is not registered yet: no orphaned moto
      throw e;
    }
    GcsJsonApiDouble gcs = GcsJsonApiDouble.start();
    gcs.createBucket(BUCKET);
    S3Settings s3 =
        s3(moto.endpoint(), moto.account().accessKeyId(), moto.account().secretAccessKey());
    try (var client = io.restore.dump.storage.TestClients.s3(s3)) {
      client.createBucket(r -> r.bucket(BUCKET));
    }
    new BlobServiceClientBuilder()
        .connectionString(azurite.connectionString())
        .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
        .buildClient()
        .getBlobContainerClient(BUCKET)
        .create();
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  moto.close();
                  azurite.close();
                  gcs.close();
                }));
    System.out.println(
        "STORES -Dbench.s3="
            + moto.endpoint()
            + " -Dbench.s3.key="
            + moto.account().accessKeyId()
            + " -Dbench.s3.secret="
            + moto.account().secretAccessKey()
            + " -Dbench.azure="
            + azurite.endpoint()
            + " -Dbench.gcs="
            + gcs.endpoint());
    System.out.flush();
    Thread.currentThread().join();
  }

  private static IllegalStateException missing(String what) {
    return new IllegalStateException(what + " is not installed (scripts/test installs it)");
  }

  private static S3Settings s3(URI endpoint, String key, String secret) {
    return new S3Settings(
        Optional.of(endpoint),
        Optional.of("us-east-1"),
        Optional.empty(),
        Optional.of(new S3Settings.StaticKeys(key, secret)));
  }

  /** {documents, bytes read, seconds, bytes of output} for one store row. */
  static double[] row(String row, String uri, Path dir) throws Exception {
    ObjectStores.Settings settings =
        new ObjectStores.Settings(
            s3(
                URI.create(System.getProperty("bench.s3")),
                System.getProperty("bench.s3.key"),
                System.getProperty("bench.s3.secret")),
            new AzureSettings(
                Optional.of(URI.create(System.getProperty("bench.azure"))),
                Optional.empty(),
                Optional.of(AzuriteServer.KEY)),
            new GcsSettings(
                Optional.of(URI.create(System.getProperty("bench.gcs"))),
                Optional.empty(),
                Optional.empty(),
                true),
            ObjectStores.Settings.defaults().partSize(),
            ObjectStores.Settings.defaults().inFlight());
    DumpOutput out =
        switch (row) {
          case "store-file" -> DumpOutput.Archive.toFile(dir.resolve("store-file.archive"));
          case "store-s3" -> uploaded("s3://" + BUCKET + "/bench.archive", settings);
          case "store-azure" ->
              uploaded("az://" + AzuriteServer.ACCOUNT + "/" + BUCKET + "/bench.archive", settings);
          case "store-gcs" -> uploaded("gs://" + BUCKET + "/bench.archive", settings);
          default -> throw new IllegalArgumentException("unknown row " + row);
        };
    long t0 = System.nanoTime();
    DumpSummary s =
        new Dumper(System.out, Map.of(), Clock.systemUTC(), () -> "bench")
            .dump(
                uri,
                DumpRequest.of(out)
                    .withFilter(NamespaceFilter.database("bench"))
                    .withOverwrite(true),
                DumpProgress.SILENT);
    double secs = (System.nanoTime() - t0) / 1e9;
    long size;
    if (s.upload() != null) {
      size = s.upload().bytes();
    } else {
      Path f = dir.resolve("store-file.archive");
      size = Files.size(f);
      Files.delete(f);
    }
    return new double[] {s.documents(), s.bytes(), secs, size};
  }

  private static DumpOutput uploaded(String uri, ObjectStores.Settings s) {
    return new DumpOutput.UploadedArchive(Destination.parse("--archive", uri), s);
  }
}
