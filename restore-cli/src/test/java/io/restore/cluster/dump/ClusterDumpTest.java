package io.restore.cluster.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.dump.CollectionResult;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpProgress;
import io.restore.dump.DumpRequest;
import io.restore.dump.FileNames;
import io.restore.dump.IndependentArchiveReader;
import io.restore.dump.Namespace;
import io.restore.dump.Pymongo;
import io.restore.dump.ShardedCounts;
import io.restore.testkit.sample.ShardedSample;
import io.restore.testkit.sample.ShardedSampleGenerator;
import io.restore.testkit.sample.ShardedSnapshots;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.bson.codecs.BsonDocumentCodec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cluster dump against the generated sharded set, each component served by its own mongod
 * stand-in: what is written is checked against the generator's hand-made plan (owned or orphan per
 * document), never against the code under test.
 */
class ClusterDumpTest {
  @TempDir static Path shared;
  @TempDir Path tmp;
  static StandInCluster cluster;

  private static final List<String> ROUTED =
      List.of("shop.customers", "shop.orders", "shop.sessions", "shop.notes", "crm.contacts");

  @BeforeAll
  static void open() throws Exception {
    ShardedSnapshots s = ShardedSampleGenerator.writeSnapshots(shared.resolve("set"), 20);
    cluster = new StandInCluster(s, shared.resolve("certs"));
  }

  @AfterAll
  static void close() {
    if (cluster != null) {
      cluster.close();
    }
  }

  static ClusterDumpResult dump(StandInCluster c, DumpRequest r) {
    return new ClusterDump(new ByteArrayOutputStream(), Clock.systemUTC(), () -> "t1")
        .dump(c.connections(), r, DumpProgress.SILENT);
  }

  /** "db.coll" → hex of every document the plan puts in the dump, sorted. */
  static Map<String, List<String>> expected(ShardedSample sample, boolean orphansToo) {
    Map<String, List<String>> m = new TreeMap<>();
    for (ShardedSample.ShardData shard : sample.shards()) {
      for (ShardedSample.Placed p : shard.documents()) {
        List<String> l = m.computeIfAbsent(p.db() + "." + p.collection(), k -> new ArrayList<>());
        if (p.owned() || orphansToo) {
          l.add(hex(p.document()));
        }
      }
    }
    m.values().forEach(l -> l.sort(null));
    return m;
  }

  @Test
  void directoryDumpHoldsExactlyTheOwnedDocumentsAndCountsEveryOrphan() throws Exception {
    Path out = tmp.resolve("dump");
    ClusterDumpResult r = dump(cluster, DumpRequest.of(new DumpOutput.Directory(out)));

    assertThat(r.summary().ok()).isTrue();
    assertThat(r.summary().collections())
        .allMatch(c -> c.status() == CollectionResult.Status.VERIFIED, "all verified");
    Map<String, List<String>> want = expected(cluster.snapshots.sample(), false);
    for (String ns : ROUTED) {
      assertThat(documents(bsonFile(out, ns))).as(ns).isEqualTo(want.get(ns)).isNotEmpty();
    }
    // per shard, orphans as the generator planted them
    for (ShardedSample.ShardData shard : cluster.snapshots.sample().shards()) {
      Map<String, Long> counted = new TreeMap<>();
      for (ShardedCounts.NamespaceCounts n : r.sharded().namespaces()) {
        n.sources().stream()
            .filter(s -> s.source().equals(shard.id()) && s.orphans() > 0)
            .forEach(s -> counted.put(n.ns().toString(), s.orphans()));
      }
      assertThat(counted).as(shard.id()).isEqualTo(shard.expectedOrphans());
    }
    long planted =
        cluster.snapshots.sample().shards().stream()
            .mapToLong(s -> s.expectedOrphans().values().stream().mapToLong(x -> x).sum())
            .sum();
    assertThat(r.sharded().orphans()).isEqualTo(planted).isGreaterThanOrEqualTo(5);
    assertThat(r.lines())
        .contains(
            "shop.customers: owned atlas-q1w2e3-shard-0 3, atlas-q1w2e3-shard-1 3,"
                + " atlas-q1w2e3-shard-2 2; 2 orphans skipped (atlas-q1w2e3-shard-0 1,"
                + " atlas-q1w2e3-shard-2 1)")
        .anySatisfy(
            l -> assertThat(l).startsWith("shop.sessions: owned").contains("orphans skipped"));
  }

  @Test
  void configComesFromTheConfigServerOnlyAndMetadataOnceFromThePrimary() throws Exception {
    Path out = tmp.resolve("dump");
    ClusterDumpResult r = dump(cluster, DumpRequest.of(new DumpOutput.Directory(out)));

    List<String> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(out)) {
      s.filter(Files::isRegularFile).forEach(p -> files.add(out.relativize(p).toString()));
    }
    assertThat(files)
        .contains("prelude.json", "config/chunks.bson", "config/shards.bson", "config/version.bson")
        .noneMatch(
            f ->
                f.startsWith("local/")
                    || f.equals("config/rangeDeletions.bson")
                    || f.equals("config/transactions.bson"));
    // the config server's config.version, not a shard's
    assertThat(documents(out.resolve("config/version.bson")))
        .containsExactlyElementsOf(
            hexAll(cluster.snapshots.configServerExtras().get("config.version")));
    assertThat(documents(out.resolve("config/chunks.bson")))
        .hasSize(cluster.snapshots.sample().config().get("chunks").size());
    // indexes once, from shop's primary shard, which holds the hashed index
    String meta = Files.readString(out.resolve("shop/sessions.metadata.json"));
    assertThat(meta)
        .contains("\"name\":\"_id_hashed\"")
        .contains("\"collectionName\":\"sessions\"");
    assertThat(r.namespace(new Namespace("shop", "sessions")).orElseThrow().from())
        .isEqualTo("atlas-q1w2e3-shard-1");
    assertThat(r.namespace(new Namespace("config", "version")).orElseThrow().from())
        .isEqualTo("config");
  }

  @Test
  void theDirectoryDecodesWithPymongo() throws Exception {
    Pymongo.assumeAvailable();
    Path out = tmp.resolve("dump");
    dump(cluster, DumpRequest.of(new DumpOutput.Directory(out)));
    Map<String, List<String>> want = expected(cluster.snapshots.sample(), false);
    for (String ns : ROUTED) {
      assertThat(Pymongo.decode(bsonFile(out, ns))).as(ns).isEqualTo(want.get(ns));
    }
  }

  @Test
  void archivePassesTheIndependentReaderAndIncludeOrphansWritesEveryCopy() throws Exception {
    Path owned = tmp.resolve("owned.archive");
    Path all = tmp.resolve("all.archive");
    dump(cluster, DumpRequest.of(DumpOutput.Archive.toFile(owned)));
    ClusterDumpResult r =
        dump(cluster, DumpRequest.of(DumpOutput.Archive.toFile(all)).withIncludeOrphans(true));

    IndependentArchiveReader.Parsed a = IndependentArchiveReader.parse(Files.readAllBytes(owned));
    IndependentArchiveReader.Parsed b = IndependentArchiveReader.parse(Files.readAllBytes(all));
    Map<String, List<String>> wantOwned = expected(cluster.snapshots.sample(), false);
    Map<String, List<String>> wantAll = expected(cluster.snapshots.sample(), true);
    for (String ns : ROUTED) {
      assertThat(sortedHex(a.documents().get(ns))).as(ns).isEqualTo(wantOwned.get(ns));
      assertThat(sortedHex(b.documents().get(ns))).as(ns).isEqualTo(wantAll.get(ns));
    }
    assertThat(wantAll.get("shop.sessions"))
        .hasSizeGreaterThan(wantOwned.get("shop.sessions").size());
    assertThat(r.sharded().includeOrphans()).isTrue();
    assertThat(r.lines()).last().asString().matches("\\d+ orphans kept in 10 namespaces");
    assertThat(r.summary().toJson()).contains("\"sharded\"").contains("\"orphans\"");
  }

  @Test
  void aMissingShardOrAStrangerIsRefusedBeforeAnythingIsWritten() {
    Map<String, String> shards = new java.util.LinkedHashMap<>(cluster.connections().shardUris());
    String uri = shards.remove("atlas-q1w2e3-shard-2");
    Path out = tmp.resolve("out");
    DumpRequest r = DumpRequest.of(new DumpOutput.Directory(out));
    ClusterDump d = new ClusterDump(new ByteArrayOutputStream(), Clock.systemUTC(), () -> "t1");
    String config = cluster.connections().configServerUri();
    assertThatThrownBy(() -> d.dump(new ClusterConnections(config, shards), r, DumpProgress.SILENT))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
              assertThat(e.getMessage())
                  .contains("shard atlas-q1w2e3-shard-2")
                  .contains("no mongod");
            });
    shards.put("atlas-q1w2e3-shard-2", uri);
    shards.put("elsewhere-shard-9", uri);
    assertThatThrownBy(() -> d.dump(new ClusterConnections(config, shards), r, DumpProgress.SILENT))
        .hasMessageContaining("elsewhere-shard-9 is not a shard of this cluster");
    assertThat(out).doesNotExist();
  }

  @Test
  void chunkGapIsAClearErrorAndNothingIsWritten() throws Exception {
    ShardedSample sample =
        ShardedSampleGenerator.generate(ShardedSampleGenerator.ChunkIdentity.UUID);
    Map<String, List<BsonDocument>> config = new TreeMap<>(sample.config());
    List<BsonDocument> chunks = new ArrayList<>(config.get("chunks"));
    // drop shop.customers' [100, 200) chunk
    chunks.removeIf(
        c ->
            c.getDocument("min").containsKey("customerId")
                && c.getDocument("min").get("customerId").isInt32()
                && c.getDocument("min").getInt32("customerId").getValue() == 100);
    config.put("chunks", chunks);
    ShardedSample gapped = new ShardedSample(sample.configReplicaSet(), config, sample.shards());
    ShardedSnapshots s =
        io.restore.testkit.sample.ShardedSnapshotWriter.write(tmp.resolve("set"), 30, gapped, null);
    Path out = tmp.resolve("out");
    Path summary = tmp.resolve("summary.json");
    try (StandInCluster c = new StandInCluster(s, tmp.resolve("certs"))) {
      assertThatThrownBy(
              () -> dump(c, DumpRequest.of(new DumpOutput.Directory(out)).withSummaryJson(summary)))
          .isInstanceOfSatisfying(
              RestoreException.class,
              e -> {
                assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
                assertThat(e.getMessage())
                    .contains(
                        "shop.customers: gap, no chunk covers [{ customerId: 100 }, { customerId:"
                            + " 200 })");
              });
    }
    assertThat(out).doesNotExist();
    try (Stream<Path> l = Files.list(tmp)) {
      assertThat(l.map(p -> p.getFileName().toString())).noneMatch(n -> n.startsWith("out"));
    }
    assertThat(Files.readString(summary))
        .contains("\"ok\": false")
        .contains("\"coverageProblems\"")
        .contains("shop.customers: gap");
  }

  private static Path bsonFile(Path out, String ns) {
    int dot = ns.indexOf('.');
    return out.resolve(ns.substring(0, dot))
        .resolve(FileNames.baseName(ns.substring(dot + 1)) + ".bson");
  }

  /** The documents of a .bson file, split by their length prefixes, as sorted hex. */
  static List<String> documents(Path bson) throws Exception {
    byte[] all = Files.readAllBytes(bson);
    List<String> out = new ArrayList<>();
    int at = 0;
    while (at < all.length) {
      int len = ByteBuffer.wrap(all, at, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
      out.add(HexFormat.of().formatHex(all, at, at + len));
      at += len;
    }
    out.sort(null);
    return out;
  }

  private static List<String> sortedHex(List<byte[]> docs) {
    List<String> out = new ArrayList<>();
    if (docs != null) {
      docs.forEach(d -> out.add(HexFormat.of().formatHex(d)));
    }
    out.sort(null);
    return out;
  }

  private static List<String> hexAll(List<BsonDocument> docs) {
    return docs.stream().map(d -> hex(new RawBsonDocument(d, new BsonDocumentCodec()))).toList();
  }

  static String hex(RawBsonDocument d) {
    ByteBuffer b = d.getByteBuffer().asNIO();
    byte[] bytes = new byte[b.remaining()];
    b.get(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
