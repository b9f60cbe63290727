package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.bson.BsonBinary;
import org.bson.BsonDocument;
import org.bson.BsonInt32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A collection larger than the dumper's heap: a child JVM with -Xmx32m dumps 48 MiB, as a
 * directory, an archive and gzipped.
 */
class MemoryBoundTest {
  @TempDir Path tmp;

  @Test
  void dumpsACollectionLargerThanTheHeapInBothFormats() throws Exception {
    try (DumpFixture fx = new DumpFixture()) {
      var coll = fx.client.getDatabase("huge").getCollection("blobs", BsonDocument.class);
      byte[] blob = new byte[64 * 1024];
      for (int batch = 0; batch < 6; batch++) {
        List<BsonDocument> docs = new ArrayList<>();
        for (int i = 0; i < 128; i++) {
          blob[0] = (byte) i;
          docs.add(
              new BsonDocument("_id", new BsonInt32(batch * 128 + i))
                  .append("b", new BsonBinary(blob.clone())));
        }
        coll.insertMany(docs);
      }
      long expectedBytes = 6L * 128 * (64 * 1024 + 30);
      Path out = tmp.resolve("dump");
      Path archive = tmp.resolve("huge.archive");
      run(fx.uri, "--out", out.toString());
      assertThat(Files.size(out.resolve("huge/blobs.bson")))
          .isGreaterThan(expectedBytes - 100_000)
          .isGreaterThan(40L << 20);
      run(fx.uri, "--archive=" + archive);
      assertThat(Files.size(archive)).isGreaterThan(40L << 20);
      // gzip: every stream keeps a bounded number of 128 KiB blocks and reuses their buffers
      Path gz = tmp.resolve("gz");
      run(fx.uri, "--out", gz.toString(), "--gzip");
      try (InputStream in =
          new java.util.zip.GZIPInputStream(
              Files.newInputStream(gz.resolve("huge/blobs.bson.gz")))) {
        assertThat(in.transferTo(java.io.OutputStream.nullOutputStream()))
            .isEqualTo(Files.size(out.resolve("huge/blobs.bson")));
      }
    }
  }

  private void run(String uri, String... output) throws Exception {
    List<String> cmd =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx32m",
                "-XX:+ExitOnOutOfMemoryError",
                "-cp",
                System.getProperty("java.class.path"),
                "io.restore.cli.Main",
                "dump",
                "--uri",
                uri,
                "-j",
                "4"));
    cmd.addAll(List.of(output));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String log = runToEnd(p, Duration.ofSeconds(120));
    assertThat(p.exitValue()).as(log).isZero();
    assertThat(log).contains("dump complete and verified");
  }

  /**
   * Drains the child's output on another thread while this one enforces the deadline: a stuck child
   * is killed (with its descendants) and fails the test with what it printed.
   */
  private static String runToEnd(Process p, Duration limit) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the child is gone; what was read so far is kept
              }
            });
    drain.setDaemon(true);
    drain.start();
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      drain.join(5000);
      throw new AssertionError("still running after " + limit + ", killed; its output:\n" + out);
    }
    drain.join(5000);
    return out.toString(StandardCharsets.UTF_8);
  }
}
