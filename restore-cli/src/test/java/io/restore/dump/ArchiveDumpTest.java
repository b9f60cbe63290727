package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.dump.archive.ArchiveVerifier;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.bson.BsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArchiveDumpTest {
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

  private DumpSummary dump(DumpRequest r, ByteArrayOutputStream stdout) {
    return new Dumper(stdout, Map.of(), Clock.systemUTC(), () -> "a1")
        .dump(fx.uri, r, DumpProgress.SILENT);
  }

  @Test
  void archiveFileParsesWithAnIndependentReaderAndHoldsTheServersDocuments() throws Exception {
    Path file = tmp.resolve("x.archive");
    DumpSummary s =
        dump(
            DumpRequest.of(DumpOutput.Archive.toFile(file)).withParallelCollections(3),
            new ByteArrayOutputStream());
    assertThat(s.ok()).isTrue();
    assertThat(s.archiveCheck()).contains("every CRC-64 matches");

    var parsed = IndependentArchiveReader.parse(Files.readAllBytes(file));
    assertThat(new ArrayList<>(parsed.header().keySet()))
        .containsExactly("concurrent_collections", "version", "server_version", "tool_version");
    assertThat(parsed.header().getInt32("concurrent_collections").getValue()).isEqualTo(3);
    assertThat(parsed.header().getString("version").getValue()).isEqualTo("0.1");
    assertThat(parsed.header().getString("server_version").getValue())
        .matches("\\d+\\.\\d+\\.\\d+");
    for (BsonDocument m : parsed.metadata()) {
      assertThat(new ArrayList<>(m.keySet()))
          .containsExactly("db", "collection", "metadata", "size", "type");
      assertThat(m.get("size").isInt32()).isTrue();
      assertThat(m.getString("type").getValue()).isEmpty();
      assertThat(m.getString("metadata").getValue())
          .contains("\"collectionName\":" + jsonString(m.getString("collection").getValue()));
    }
    assertThat(parsed.metadata())
        .extracting(
            m -> new Namespace(m.getString("db").getValue(), m.getString("collection").getValue()))
        .containsExactlyInAnyOrderElementsOf(fx.expectedDefaultNamespaces().keySet());
    for (Namespace ns : fx.expectedDefaultNamespaces().keySet()) {
      List<String> hex =
          new ArrayList<>(
              parsed.documents().get(ns.toString()).stream()
                  .map(b -> HexFormat.of().formatHex(b))
                  .toList());
      hex.sort(null);
      assertThat(hex).as(ns.toString()).isEqualTo(fx.rawHex(ns.db(), ns.collection()));
    }
    // segments stay within 16 MiB; an empty collection still gets a (header, terminator) block
    assertThat(parsed.blocks())
        .allMatch(b -> b.documents().stream().mapToLong(d -> d.length).sum() <= 16 * 1024 * 1024);
    assertThat(parsed.blocks())
        .filteredOn(b -> b.header().getString("collection").getValue().equals("empty"))
        .extracting(b -> b.header().getBoolean("EOF").getValue())
        .containsExactly(false, true);
    assertThat(ArchiveVerifier.verify(Files.newInputStream(file)).namespaces())
        .hasSize(fx.expectedDefaultNamespaces().size());
  }

  @Test
  void aCorruptedDocumentByteFailsBothReadersWithACrcMismatch() throws Exception {
    Path file = tmp.resolve("x.archive");
    dump(
        DumpRequest.of(DumpOutput.Archive.toFile(file))
            .withFilter(NamespaceFilter.collection("shop", "orders")),
        new ByteArrayOutputStream());
    byte[] bytes = Files.readAllBytes(file);
    int at = indexOf(bytes, "x".repeat(200).getBytes()) + 100; // inside a string value
    bytes[at] = 'y';

    assertThatThrownBy(() -> IndependentArchiveReader.parse(bytes))
        .hasMessageContaining("CRC mismatch for shop.orders");
    assertThatThrownBy(() -> ArchiveVerifier.verify(new ByteArrayInputStream(bytes)))
        .isInstanceOf(ArchiveVerifier.ArchiveCorruptException.class)
        .hasMessageContaining("CRC mismatch for shop.orders");
    byte[] truncated = java.util.Arrays.copyOf(Files.readAllBytes(file), bytes.length - 30);
    assertThatThrownBy(() -> ArchiveVerifier.verify(new ByteArrayInputStream(truncated)))
        .hasMessageContaining("ends");
  }

  @Test
  void gzippedArchiveToStdoutIsOneGzipStreamOfTheSameFormat() throws Exception {
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    DumpSummary s = dump(DumpRequest.of(DumpOutput.Archive.toStdout()).withGzip(true), stdout);
    assertThat(s.archiveCheck()).contains("stdout");
    byte[] plain;
    try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(stdout.toByteArray()))) {
      plain = in.readAllBytes();
    }
    var parsed = IndependentArchiveReader.parse(plain);
    assertThat(parsed.documents().get("shop.orders")).hasSize(3000);
    assertThat(parsed.documents().get("analytics.events")).hasSize(1200);
  }

  @Test
  void gzippedArchiveFileIsReReadAndRenamedIntoPlace() throws Exception {
    Path file = tmp.resolve("x.archive.gz");
    DumpSummary s =
        dump(
            DumpRequest.of(DumpOutput.Archive.toFile(file)).withGzip(true),
            new ByteArrayOutputStream());
    assertThat(s.archiveCheck()).contains("every CRC-64 matches");
    try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
      assertThat(IndependentArchiveReader.parse(in.readAllBytes()).documents()).hasSize(5);
    }
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("x.archive.gz");
    }
  }

  private static String jsonString(String s) {
    return new org.bson.BsonString(s).asString().getValue().isEmpty()
        ? "\"\""
        : new BsonDocument("s", new org.bson.BsonString(s))
            .toJson()
            .replaceAll("^\\{\"s\": ", "")
            .replaceAll("}$", "");
  }

  private static int indexOf(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return i;
    }
    throw new AssertionError("not found");
  }
}
