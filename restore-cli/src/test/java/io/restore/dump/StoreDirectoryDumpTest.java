package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageOptions;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.storage.AzureSettings;
import io.restore.dump.storage.Destination;
import io.restore.dump.storage.GcsSettings;
import io.restore.dump.storage.ObjectStores;
import io.restore.dump.storage.S3Settings;
import io.restore.testkit.kms.MotoServer;
import io.restore.testkit.storage.AzuriteServer;
import io.restore.testkit.storage.GcsJsonApiDouble;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Directory output under a store prefix, for S3 (moto), Azure Blob (Azurite) and Cloud Storage (the
 * JSON API double): every file of the layout is an object, the manifest written last lists each
 * with the size and SHA-256 of what the store's own client downloads, and the BSON files hold
 * exactly the server's documents; a failed dump leaves nothing under the prefix; a non-empty prefix
 * is refused unless --overwrite, which leaves only the new dump.
 */
class StoreDirectoryDumpTest {
  static MotoServer moto;
  static AzuriteServer azurite;
  static GcsJsonApiDouble gcs;
  static S3Client s3;
  static BlobContainerClient container;
  static Storage storage;
  static ObjectStores.Settings settings;

  @BeforeAll
  static void start() throws Exception {
    Optional<java.nio.file.Path> python = MotoServer.findPython();
    Optional<java.nio.file.Path> azuriteBin = AzuriteServer.find();
    if ("true".equals(System.getenv("CI"))) {
      assertThat(python).as("moto on CI").isPresent();
      assertThat(azuriteBin).as("azurite on CI").isPresent();
    }
    gcs = GcsJsonApiDouble.start();
    gcs.createBucket("restore-dumps");
    storage =
        StorageOptions.http()
            .setHost(gcs.endpoint().toString())
            .setProjectId("test")
            .setCredentials(NoCredentials.getInstance())
            .build()
            .getService();
    S3Settings s3s = S3Settings.defaults();
    AzureSettings azs = AzureSettings.fromEnvironment(Optional.empty());
    if (python.isPresent()) {
      // moto 5.2.1 re-checks SigV4 over a query it has already decoded, so ListObjectsV2 with a
      // prefix holding '/' fails there (S3 itself accepts it): this test runs moto without auth
      moto =
          MotoServer.start(
              python.get(),
              Map.of(
                  "INITIAL_NO_AUTH_ACTION_COUNT",
                  "1000000",
                  "S3_UPLOAD_PART_MIN_SIZE",
                  Integer.toString(UploadedArchiveDumpTest.PART)));
      s3s =
          new S3Settings(
              Optional.of(moto.endpoint()),
              Optional.of("us-east-1"),
              Optional.empty(),
              Optional.of(
                  new S3Settings.StaticKeys(
                      moto.account().accessKeyId(), moto.account().secretAccessKey())));
      s3 = io.restore.dump.storage.TestClients.s3(s3s);
      s3.createBucket(r -> r.bucket("restore-dumps"));
    }
    if (azuriteBin.isPresent()) {
      azurite = AzuriteServer.start(azuriteBin.get());
      azs =
          new AzureSettings(
              Optional.of(azurite.endpoint()), Optional.empty(), Optional.of(AzuriteServer.KEY));
      container =
          new BlobServiceClientBuilder()
              .connectionString(azurite.connectionString())
              .httpClient(new com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder().build())
              .buildClient()
              .getBlobContainerClient("dumps");
      container.create();
    }
    settings =
        new ObjectStores.Settings(
            s3s,
            azs,
            new GcsSettings(Optional.of(gcs.endpoint()), Optional.empty(), Optional.empty(), true),
            UploadedArchiveDumpTest.PART,
            4);
  }

  @AfterAll
  static void stop() throws Exception {
    if (s3 != null) {
      s3.close();
    }
    if (moto != null) {
      moto.close();
    }
    if (azurite != null) {
      azurite.close();
    }
    if (storage != null) {
      storage.close();
    }
    if (gcs != null) {
      gcs.close();
    }
  }

  /** One store as the tests see it: its URI prefix, and its own client's list/get/put. */
  record Store(
      String uriPrefix,
      Function<String, Map<String, byte[]>> download,
      BiConsumer<String, byte[]> put) {}

  static Store store(String kind) {
    switch (kind) {
      case "s3" -> {
        assumeThat(s3).as("moto is installed").isNotNull();
        return new Store(
            "s3://restore-dumps/",
            prefix -> {
              Map<String, byte[]> m = new TreeMap<>();
              s3.listObjectsV2Paginator(r -> r.bucket("restore-dumps").prefix(prefix))
                  .contents()
                  .forEach(
                      o ->
                          m.put(
                              o.key().substring(prefix.length()),
                              s3.getObjectAsBytes(r -> r.bucket("restore-dumps").key(o.key()))
                                  .asByteArray()));
              return m;
            },
            (name, b) ->
                s3.putObject(r -> r.bucket("restore-dumps").key(name), RequestBody.fromBytes(b)));
      }
      case "az" -> {
        assumeThat(container).as("azurite is installed").isNotNull();
        return new Store(
            "az://" + AzuriteServer.ACCOUNT + "/dumps/",
            prefix -> {
              Map<String, byte[]> m = new TreeMap<>();
              container
                  .listBlobs(new ListBlobsOptions().setPrefix(prefix), null)
                  .forEach(
                      b ->
                          m.put(
                              b.getName().substring(prefix.length()),
                              container.getBlobClient(b.getName()).downloadContent().toBytes()));
              return m;
            },
            (name, b) ->
                container
                    .getBlobClient(name)
                    .upload(com.azure.core.util.BinaryData.fromBytes(b), true));
      }
      default -> {
        return new Store(
            "gs://restore-dumps/",
            prefix -> {
              Map<String, byte[]> m = new TreeMap<>();
              for (Blob b :
                  storage
                      .list("restore-dumps", Storage.BlobListOption.prefix(prefix))
                      .iterateAll()) {
                m.put(b.getName().substring(prefix.length()), b.getContent());
              }
              return m;
            },
            (name, b) -> gcs.put("restore-dumps", name, b));
      }
    }
  }

  static DumpRequest request(String uri, boolean overwrite) {
    return DumpRequest.of(
            new DumpOutput.UploadedDirectory(
                Destination.parsePrefix("--out", uri), settings, Optional.empty()))
        .withOverwrite(overwrite);
  }

  /** The manifest against the downloaded objects, and every BSON file against the server. */
  static void check(DumpFixture fx, Map<String, byte[]> got) throws Exception {
    assertThat(got).containsKey(Destination.MANIFEST);
    BsonDocument manifest =
        BsonDocument.parse(new String(got.get(Destination.MANIFEST), StandardCharsets.UTF_8));
    BsonArray objects = manifest.getArray("objects");
    List<String> listed = new ArrayList<>();
    for (BsonValue v : objects) {
      BsonDocument o = v.asDocument();
      String name = o.getString("name").getValue();
      listed.add(name);
      assertThat(got).as(name).containsKey(name);
      assertThat(o.get("size").asNumber().longValue()).as(name).isEqualTo(got.get(name).length);
      assertThat(o.getString("sha256").getValue())
          .as(name)
          .isEqualTo(UploadedArchiveDumpTest.sha256(got.get(name)));
    }
    List<String> present = new ArrayList<>(got.keySet());
    present.remove(Destination.MANIFEST);
    assertThat(listed).containsExactlyInAnyOrderElementsOf(present);
    Map<Namespace, Long> expected = new java.util.LinkedHashMap<>(fx.expectedDefaultNamespaces());
    expected.put(new Namespace("big", "docs"), 4000L);
    for (Map.Entry<Namespace, Long> e : expected.entrySet()) {
      Namespace ns = e.getKey();
      String name = ns.db() + "/" + FileNames.baseName(ns.collection()) + ".bson";
      assertThat(got).as(name).containsKey(name);
      assertThat(got)
          .containsKey(ns.db() + "/" + FileNames.baseName(ns.collection()) + ".metadata.json");
      List<String> docs = split(got.get(name));
      assertThat(docs).as(ns.toString()).hasSize(e.getValue().intValue());
      assertThat(docs).as(ns.toString()).isEqualTo(fx.rawHex(ns.db(), ns.collection()));
    }
    BsonDocument big = null;
    for (BsonValue v : manifest.getArray("collections")) {
      if (v.asDocument().getString("db").getValue().equals("big")) {
        big = v.asDocument();
      }
    }
    assertThat(big).isNotNull();
    assertThat(big.get("documents").asNumber().longValue()).isEqualTo(4000);
    assertThat(manifest.getString("tool").getValue()).isNotBlank();
    assertThat(manifest.isNull("snapshot")).as("a running server's dump: no snapshot").isTrue();
  }

  /** A .bson file as its documents, hex, sorted. */
  static List<String> split(byte[] bson) {
    List<String> out = new ArrayList<>();
    ByteBuffer b = ByteBuffer.wrap(bson).order(ByteOrder.LITTLE_ENDIAN);
    int at = 0;
    while (at < bson.length) {
      int size = b.getInt(at);
      byte[] doc = java.util.Arrays.copyOfRange(bson, at, at + size);
      out.add(HexFormat.of().formatHex(doc));
      at += size;
    }
    out.sort(null);
    return out;
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "az", "gs"})
  void everyObjectThenTheManifest(String kind) throws Exception {
    Store st = store(kind);
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      DumpSummary s =
          UploadedArchiveDumpTest.dump(
              fx, request(st.uriPrefix() + "dir/nightly", false), DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      assertThat(s.output()).isEqualTo(st.uriPrefix() + "dir/nightly/");
      Map<String, byte[]> got = st.download().apply("dir/nightly/");
      check(fx, got);
      assertThat(s.upload().sha256())
          .isEqualTo(UploadedArchiveDumpTest.sha256(got.get(Destination.MANIFEST)));
    }
    assertThat(gcs.pendingSessions()).isZero();
  }

  // Before: the manifest said nothing of the snapshot the dump came from.
  @Test
  void theManifestNamesTheSnapshotItCameFrom() throws Exception {
    Store st = store("gs");
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      DumpRequest r =
          request(st.uriPrefix() + "dir/identified", false)
              .withSnapshot(
                  new DumpSnapshot(
                      Optional.of("key-7f3a"), Optional.of("aws"), Optional.of("7.0.14")));
      assertThat(UploadedArchiveDumpTest.dump(fx, r, DumpProgress.SILENT).ok()).isTrue();
      Map<String, byte[]> got = st.download().apply("dir/identified/");
      BsonDocument snapshot =
          BsonDocument.parse(new String(got.get(Destination.MANIFEST), StandardCharsets.UTF_8))
              .getDocument("snapshot");
      assertThat(snapshot.getString("keyId").getValue()).isEqualTo("key-7f3a");
      assertThat(snapshot.getString("kmsProvider").getValue()).isEqualTo("aws");
      assertThat(snapshot.getString("mongodVersion").getValue()).isEqualTo("7.0.14");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "az", "gs"})
  void aFailedDumpLeavesNothingUnderThePrefix(String kind) {
    Store st = store(kind);
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      RestoreException e = null;
      try {
        UploadedArchiveDumpTest.dump(
            fx,
            request(st.uriPrefix() + "dir/failed/", false),
            UploadedArchiveDumpTest.killingServerOf(fx));
      } catch (RestoreException x) {
        e = x;
      }
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
      assertThat(e.getMessage()).contains(st.uriPrefix() + "dir/failed/");
    }
    assertThat(st.download().apply("dir/failed/")).isEmpty();
    assertThat(gcs.pendingSessions()).isZero();
  }

  @ParameterizedTest
  @ValueSource(strings = {"s3", "az", "gs"})
  void aNonEmptyPrefixIsRefusedUnlessOverwrite(String kind) throws Exception {
    Store st = store(kind);
    st.put().accept("dir/old/stale.bson", "old".getBytes(StandardCharsets.UTF_8));
    st.put().accept("dir/old/" + Destination.MANIFEST, "{}".getBytes(StandardCharsets.UTF_8));
    try (DumpFixture fx = UploadedArchiveDumpTest.fixture()) {
      RestoreException e = null;
      try {
        UploadedArchiveDumpTest.dump(
            fx, request(st.uriPrefix() + "dir/old", false), DumpProgress.SILENT);
      } catch (RestoreException x) {
        e = x;
      }
      assertThat(e).isNotNull();
      assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
      assertThat(e.getMessage()).contains("not empty");
      assertThat(e.nextStep()).contains("--overwrite");
      assertThat(st.download().apply("dir/old/"))
          .containsOnlyKeys("stale.bson", Destination.MANIFEST);

      DumpSummary s =
          UploadedArchiveDumpTest.dump(
              fx, request(st.uriPrefix() + "dir/old", true), DumpProgress.SILENT);
      assertThat(s.ok()).isTrue();
      Map<String, byte[]> got = st.download().apply("dir/old/");
      assertThat(got).doesNotContainKey("stale.bson");
      check(fx, got);
    }
  }
}
