package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DumpFailureTest {
  @TempDir Path tmp;

  private static Dumper dumper(OutputStream stdout) {
    return new Dumper(stdout, Map.of(), Clock.systemUTC(), () -> "f1");
  }

  /** A collection of a few MiB so that the dump is surely in flight after the first chunk. */
  private static DumpFixture bigFixture() {
    DumpFixture fx = new DumpFixture();
    List<org.bson.BsonDocument> docs = new java.util.ArrayList<>();
    for (int i = 0; i < 4000; i++) {
      docs.add(
          new org.bson.BsonDocument("_id", new org.bson.BsonInt32(i))
              .append("pad", new org.bson.BsonString("p".repeat(1000))));
    }
    fx.client
        .getDatabase("big")
        .getCollection("docs", org.bson.BsonDocument.class)
        .insertMany(docs);
    return fx;
  }

  private static RestoreException dumpFailure(Runnable r) {
    try {
      r.run();
    } catch (RestoreException e) {
      return e;
    }
    throw new AssertionError("the dump should have failed");
  }

  @Test
  void serverDyingMidDumpLeavesNoOutputAndNamesTheCollection() throws Exception {
    Path out = tmp.resolve("dump");
    Path summary = tmp.resolve("summary.json");
    try (DumpFixture fx = bigFixture()) {
      AtomicBoolean killed = new AtomicBoolean();
      DumpProgress killer =
          new DumpProgress() {
            @Override
            public void advanced(Namespace ns, long documents, long bytes) {
              if (killed.compareAndSet(false, true)) {
                fx.server.shutdownNow(); // the server dies while the cursor is open
              }
            }
          };
      RestoreException e =
          dumpFailure(
              () ->
                  dumper(System.out)
                      .dump(
                          fx.uri,
                          DumpRequest.of(new DumpOutput.Directory(out)).withSummaryJson(summary),
                          killer));
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
      assertThat(e.getMessage()).contains("big.docs").contains("reading from the server");
    }
    assertThat(out).doesNotExist();
    try (var list = Files.list(tmp)) {
      assertThat(list.map(p -> p.getFileName().toString())).containsExactly("summary.json");
    }
    assertThat(Files.readString(summary))
        .contains("\"ok\": false")
        .contains("\"failed\"")
        .contains("big.docs".substring(4));
  }

  @Test
  void fullDiskFailsTheDumpAndSaysWhy() {
    try (DumpFixture fx = bigFixture()) {
      OutputStream full =
          new OutputStream() {
            long written;

            @Override
            public void write(int b) throws IOException {
              write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
              written += len;
              if (written > 1_500_000) {
                throw new IOException("No space left on device");
              }
            }
          };
      RestoreException e =
          dumpFailure(
              () ->
                  dumper(full)
                      .dump(
                          fx.uri,
                          DumpRequest.of(DumpOutput.Archive.toStdout()),
                          DumpProgress.SILENT));
      assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
      assertThat(e.getMessage()).contains("No space left on device");
    }
  }

  @Test
  void refusesANonEmptyOutputUnlessOverwriteAndThenReplacesIt() throws Exception {
    try (DumpFixture fx = new DumpFixture()) {
      DumpFixture.insert(fx.client.getDatabase("d"), "c", 3);
      Path out = tmp.resolve("dump");
      Files.createDirectories(out);
      Files.writeString(out.resolve("keep.txt"), "mine");
      assertThatThrownBy(
              () ->
                  dumper(System.out)
                      .dump(
                          fx.uri,
                          DumpRequest.of(new DumpOutput.Directory(out)),
                          DumpProgress.SILENT))
          .isInstanceOfSatisfying(
              RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE))
          .hasMessageContaining("already exists")
          .hasMessageContaining(out.toString());
      assertThat(out.resolve("keep.txt")).hasContent("mine");

      Path archive = tmp.resolve("a.archive");
      Files.writeString(archive, "old");
      assertThatThrownBy(
              () ->
                  dumper(System.out)
                      .dump(
                          fx.uri,
                          DumpRequest.of(DumpOutput.Archive.toFile(archive)),
                          DumpProgress.SILENT))
          .hasMessageContaining("already exists");
      assertThat(archive).hasContent("old");

      dumper(System.out)
          .dump(
              fx.uri,
              DumpRequest.of(new DumpOutput.Directory(out)).withOverwrite(true),
              DumpProgress.SILENT);
      assertThat(out.resolve("keep.txt")).doesNotExist();
      assertThat(out.resolve("d/c.bson")).exists();
      try (var list = Files.list(tmp)) {
        assertThat(list.map(p -> p.getFileName().toString()))
            .containsExactlyInAnyOrder("dump", "a.archive");
      }
    }
  }

  @Test
  void unreachableServerIsADumpFailureNamingTheHost() {
    RestoreException e =
        dumpFailure(
            () ->
                dumper(System.out)
                    .dump(
                        "mongodb://127.0.0.1:1/?serverSelectionTimeoutMS=300",
                        DumpRequest.of(new DumpOutput.Directory(tmp.resolve("d"))),
                        DumpProgress.SILENT));
    assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED);
    assertThat(e.getMessage()).contains("127.0.0.1:1");
    assertThat(tmp.resolve("d")).doesNotExist();
  }

  @Test
  void badUriIsAUsageError() {
    RestoreException e =
        dumpFailure(
            () ->
                dumper(System.out)
                    .dump(
                        "http://nope",
                        DumpRequest.of(new DumpOutput.Directory(tmp.resolve("d"))),
                        DumpProgress.SILENT));
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
  }
}
