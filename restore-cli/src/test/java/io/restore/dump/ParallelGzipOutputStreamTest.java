package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The parallel gzip stream: one ordinary gzip member, blocks chained by preset dictionaries. */
class ParallelGzipOutputStreamTest {
  @TempDir Path tmp;
  private final ExecutorService pool = Executors.newFixedThreadPool(2);

  @AfterEach
  void stop() {
    pool.shutdownNow();
  }

  /** A random 16 KiB pattern over and over: every block starts with what ended the previous one. */
  private static byte[] repeatingPattern(int length) {
    byte[] pattern = new byte[16 * 1024];
    new Random(3).nextBytes(pattern);
    byte[] data = new byte[length];
    for (int at = 0; at < length; at += pattern.length) {
      System.arraycopy(pattern, 0, data, at, Math.min(pattern.length, length - at));
    }
    return data;
  }

  private byte[] gzip(byte[] data, int pieces) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new ParallelGzipOutputStream(out, 1, pool, 2)) {
      int step = Math.max(1, data.length / pieces);
      for (int at = 0; at < data.length; at += step) {
        gz.write(data, at, Math.min(step, data.length - at));
      }
    }
    return out.toByteArray();
  }

  @Test
  void manyBlocksReadBackWithJavaUtilZipAndGzip() throws Exception {
    byte[] data = new byte[3 * ParallelGzipOutputStream.BLOCK + 12_345];
    Random rnd = new Random(1);
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i % 7 == 0 ? rnd.nextInt() : 'a' + i % 13); // some of it compressible
    }
    byte[] gz = gzip(data, 97);
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEqualTo(data);
    }
    assertThat(gunzipWithGzip(gz)).isEqualTo(data);
  }

  @Test
  void eachBlockUsesThePreviousBlockAsDictionary() throws Exception {
    byte[] data = repeatingPattern(6 * ParallelGzipOutputStream.BLOCK);
    byte[] gz = gzip(data, 6);
    assertThat(gunzipWithGzip(gz)).isEqualTo(data);
    int blocks = 6;
    long independent = 0;
    for (int b = 0; b < blocks; b++) {
      independent += deflateAlone(data, b * ParallelGzipOutputStream.BLOCK);
    }
    // without the dictionary every block spends ~16 KiB on the pattern's literals, not just the
    // first
    assertThat(independent - gz.length).isGreaterThan((blocks - 1) * 12 * 1024L);
  }

  /** One block compressed without a dictionary, ended with a sync flush as the stream does. */
  private static int deflateAlone(byte[] data, int at) {
    Deflater d = new Deflater(1, true);
    d.setInput(data, at, ParallelGzipOutputStream.BLOCK);
    byte[] out = new byte[2 * ParallelGzipOutputStream.BLOCK];
    int n = d.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
    d.end();
    return n;
  }

  @Test
  void inputOfWholeBlocksAndSingleByteWritesReadBack() throws Exception {
    byte[] data = repeatingPattern(2 * ParallelGzipOutputStream.BLOCK); // the last block is empty
    assertThat(gunzipWithGzip(gzip(data, 5))).isEqualTo(data);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (OutputStream gz = new ParallelGzipOutputStream(out, 1, pool, 1, 32 * 1024)) {
      for (int i = 0; i < 100_000; i++) {
        gz.write(data[i]);
      }
    }
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(out.toByteArray()))) {
      assertThat(in.readAllBytes()).isEqualTo(java.util.Arrays.copyOf(data, 100_000));
    }
  }

  @Test
  void emptyInputIsAnEmptyGzipFile() throws Exception {
    byte[] gz = gzip(new byte[0], 1);
    assertThat(gunzipWithGzip(gz)).isEmpty();
    try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
      assertThat(in.readAllBytes()).isEmpty();
    }
  }

  /** The real gzip(1), which checks the CRC-32 and length in the trailer. */
  private byte[] gunzipWithGzip(byte[] gz) throws Exception {
    Path f = tmp.resolve("x.gz");
    Files.write(f, gz);
    Process p =
        new ProcessBuilder("gzip", "-dc", f.toString())
            .redirectError(ProcessBuilder.Redirect.INHERIT)
            .start();
    byte[] out = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isZero();
    return out;
  }
}
