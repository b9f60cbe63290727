package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.json.JsonReader;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DirectoryDumpTest {
  static DumpFixture fx;
  @TempDir Path tmp;

  @BeforeAll
  static void load() {
    fx = new DumpFixture().withSampleData();
  }

  @AfterAll
  static void stop() {
    fx.close();
  }

  static Dumper dumper() {
    return new Dumper(System.out, Map.of(), Clock.systemUTC(), () -> "t1");
  }

  private DumpSummary dump(DumpRequest r) {
    return dumper().dump(fx.uri, r, DumpProgress.SILENT);
  }

  @Test
  void everyBsonFileDecodesWithPymongoToExactlyTheServersDocuments() throws Exception {
    Pymongo.assumeAvailable();
    Path out = tmp.resolve("dump");
    DumpSummary s = dump(DumpRequest.of(new DumpOutput.Directory(out)));

    assertThat(s.ok()).isTrue();
    assertThat(s.collections()).allMatch(c -> c.status() == CollectionResult.Status.VERIFIED);
    for (Namespace ns : fx.expectedDefaultNamespaces().keySet()) {
      Path bson = out.resolve(ns.db()).resolve(FileNames.baseName(ns.collection()) + ".bson");
      assertThat(Pymongo.decode(bson))
          .as(ns.toString())
          .hasSize(fx.expectedDefaultNamespaces().get(ns).intValue())
          .isEqualTo(fx.rawHex(ns.db(), ns.collection()));
    }
  }

  @Test
  void dumpsWhatMongodumpDumpsAndNothingElse() throws Exception {
    Path out = tmp.resolve("dump");
    dump(DumpRequest.of(new DumpOutput.Directory(out)));

    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      s.filter(Files::isRegularFile).forEach(p -> files.add(out.relativize(p).toString()));
    }
    List<String> expected = new ArrayList<>(List.of("prelude.json"));
    fx.expectedDefaultNamespaces()
        .keySet()
        .forEach(
            ns -> {
              expected.add(ns.db() + "/" + FileNames.baseName(ns.collection()) + ".bson");
              expected.add(ns.db() + "/" + FileNames.baseName(ns.collection()) + ".metadata.json");
            });
    assertThat(files).containsExactlyInAnyOrderElementsOf(expected); // no local, no partial
    assertThat(Files.readString(out.resolve("prelude.json")))
        .matches("\\{\"ServerVersion\":\"[0-9.]+\",\"ToolVersion\":\"unknown\"}");
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactly("dump");
    }
  }

  @Test
  void metadataIsOneLineOfCanonicalExtendedJsonInMongodumpsFieldOrder() throws Exception {
    Path out = tmp.resolve("dump");
    dump(DumpRequest.of(new DumpOutput.Directory(out)));

    String json = Files.readString(out.resolve("shop/orders.metadata.json"));
    assertThat(json)
        .doesNotContain("\n")
        .startsWith("{\"indexes\":[{")
        .contains("\"v\":{\"$numberInt\":\"2\"}");
    assertThat(json).doesNotContainPattern("\":\\s*-?[0-9]"); // every number wrapped: canonical
    BsonDocument d =
        new org.bson.codecs.BsonDocumentCodec()
            .decode(new JsonReader(json), org.bson.codecs.DecoderContext.builder().build());
    // mongo-java-server reports no options and no uuid: both are omitted, as mongodump does
    assertThat(new ArrayList<>(d.keySet())).containsExactly("indexes", "collectionName", "type");
    assertThat(d.getString("collectionName").getValue()).isEqualTo("orders");
    assertThat(d.getString("type").getValue()).isEqualTo("collection");
    assertThat(d.getArray("indexes"))
        .extracting(v -> v.asDocument().getString("name").getValue())
        .contains("_id_", "sku_1");
    assertThat(Files.readString(out.resolve("shop/empty.metadata.json")))
        .contains("\"collectionName\":\"empty\"");
    String weird =
        Files.readString(
            out.resolve("shop").resolve(FileNames.baseName(DumpFixture.WEIRD) + ".metadata.json"),
            StandardCharsets.UTF_8);
    assertThat(weird).contains("\"collectionName\":\"" + DumpFixture.WEIRD + "\"");
    String longMeta =
        Files.readString(
            out.resolve("lng").resolve(FileNames.baseName(DumpFixture.LONG) + ".metadata.json"));
    assertThat(longMeta).contains("\"collectionName\":\"" + DumpFixture.LONG + "\"");
  }

  @Test
  void metadataRendersOptionsAndUuidWhenTheServerReportsThem() {
    CollectionPlan p =
        new CollectionPlan(
            new Namespace("admin", "system.version"),
            CollectionType.COLLECTION,
            BsonDocument.parse("{capped: true, size: 4096}"),
            "0536e9fd3d204b1e8e711a834ba704a6",
            List.of(BsonDocument.parse("{v: 2, key: {_id: 1}, name: '_id_'}")),
            1,
            0);
    assertThat(MetadataJson.render(p))
        .isEqualTo(
            "{\"options\":{\"capped\":true,\"size\":"
                + "{\"$numberInt\":\"4096\"}},\"indexes\":[{\"v\":{\"$numberInt\":\"2\"},\"key\":{\"_id\":"
                + "{\"$numberInt\":\"1\"}},\"name\":\"_id_\"}],\"uuid\":\"0536e9fd3d204b1e8e711a834ba704a6\","
                + "\"collectionName\":\"system.version\",\"type\":\"collection\"}");
    CollectionPlan view =
        new CollectionPlan(
            new Namespace("d", "v"),
            CollectionType.VIEW,
            BsonDocument.parse("{viewOn: 'c', pipeline: [{$match: {a: 1}}]}"),
            null,
            List.of(),
            0,
            0);
    assertThat(MetadataJson.render(view))
        .isEqualTo(
            "{\"options\":{\"viewOn\":\"c\",\"pipeline\":"
                + "[{\"$match\":{\"a\":{\"$numberInt\":\"1\"}}}]},\"indexes\":[],\"collectionName\":\"v\","
                + "\"type\":\"view\"}");
    assertThat(
            Catalog.uuidOf(
                BsonDocument.parse(
                    "{name: 'c', info: {uuid: {$binary: {base64: 'BTbp/T0gSx6OcRqDS6cEpg==', subType: '04'}}}}")))
        .isEqualTo("0536e9fd3d204b1e8e711a834ba704a6");
  }

  @Test
  void gzipWritesGzFilesThatPymongoReads() throws Exception {
    Pymongo.assumeAvailable();
    Path out = tmp.resolve("dump");
    dump(DumpRequest.of(new DumpOutput.Directory(out)).withGzip(true));

    assertThat(out.resolve("shop/orders.metadata.json.gz")).exists();
    assertThat(out.resolve("prelude.json")).exists();
    assertThat(Pymongo.decode(out.resolve("shop/orders.bson.gz")))
        .isEqualTo(fx.rawHex("shop", "orders"));
    assertThat(Pymongo.decode(out.resolve("shop/empty.bson.gz"))).isEmpty();
  }

  @Test
  void filtersSelectDatabasesCollectionsAndDocuments() throws Exception {
    Path out = tmp.resolve("one");
    DumpSummary s =
        dump(
            DumpRequest.of(new DumpOutput.Directory(out))
                .withFilter(
                    NamespaceFilter.collection("shop", "orders")
                        .withQuery("{\"n\": {\"$lt\": 10}}")));
    assertThat(s.collections())
        .singleElement()
        .satisfies(
            c -> {
              assertThat(c.documents()).isEqualTo(10);
              assertThat(c.serverCount()).isEqualTo(10);
            });

    Path ex = tmp.resolve("ex");
    DumpSummary e =
        dump(
            DumpRequest.of(new DumpOutput.Directory(ex))
                .withFilter(
                    new NamespaceFilter(null, null, List.of("orders"), List.of("lng"), null)));
    assertThat(e.collections())
        .extracting(c -> c.ns().toString())
        .containsExactlyInAnyOrder("shop.empty", "shop." + DumpFixture.WEIRD, "analytics.events");

    Path local = tmp.resolve("local");
    DumpSummary l =
        dump(
            DumpRequest.of(new DumpOutput.Directory(local))
                .withFilter(NamespaceFilter.database("local")));
    assertThat(l.collections()).extracting(c -> c.ns().collection()).containsExactly("startup_log");
  }

  @Test
  void namingAMissingDatabaseOrCollectionIsAUsageError() {
    assertThatThrownBy(
            () ->
                dump(
                    DumpRequest.of(new DumpOutput.Directory(tmp.resolve("x")))
                        .withFilter(NamespaceFilter.database("nosuch"))))
        .isInstanceOfSatisfying(
            RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
        .hasMessageContaining("'nosuch'");
    assertThatThrownBy(
            () ->
                dump(
                    DumpRequest.of(new DumpOutput.Directory(tmp.resolve("x")))
                        .withFilter(NamespaceFilter.collection("shop", "nosuch"))))
        .hasMessageContaining("'nosuch'");
    assertThat(tmp.resolve("x")).doesNotExist();
  }

  @Test
  void jsonlWritesOneRelaxedOrCanonicalDocumentPerLine() throws IOException {
    Path out = tmp.resolve("jsonl");
    dump(
        DumpRequest.of(new DumpOutput.Jsonl(out, DumpOutput.JsonFormat.RELAXED))
            .withFilter(NamespaceFilter.collection("shop", "orders")));
    List<String> lines = Files.readAllLines(out.resolve("shop/orders.json"));
    assertThat(lines).hasSize(3000);
    assertThat(lines.get(0))
        .startsWith("{\"_id\":{\"$oid\":")
        .contains("\"n\":")
        .contains("\"$date\":\"2023-")
        .contains("\"$numberDecimal\"");
    BsonDocument first = BsonDocument.parse(lines.get(0));
    assertThat(
            fx.client
                .getDatabase("shop")
                .getCollection("orders", BsonDocument.class)
                .find(new BsonDocument("_id", first.get("_id")))
                .first())
        .isEqualTo(first);

    Path canon = tmp.resolve("canon");
    dump(
        DumpRequest.of(new DumpOutput.Jsonl(canon, DumpOutput.JsonFormat.CANONICAL))
            .withFilter(NamespaceFilter.collection("shop", "orders")));
    assertThat(Files.readAllLines(canon.resolve("shop/orders.json")).get(0))
        .contains("\"n\":{\"$numberInt\":")
        .contains("\"$date\":{\"$numberLong\":");
  }
}
