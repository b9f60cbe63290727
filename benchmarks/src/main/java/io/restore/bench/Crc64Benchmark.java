package io.restore.bench;

import io.restore.dump.archive.Crc64;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.tukaani.xz.check.CRC64;

/**
 * The archive's CRC-64/XZ (issue 16): {@link Crc64} against the previous slicing-by-16 ({@link
 * BaselineCrc64}) and XZ for Java's {@code CRC64}, with the JDK's hardware CRC-32C (what the
 * read-back uses) for scale; one call over a buffer of {@code size} bytes (1 MiB: the archive
 * writer's segments are up to a chunk, 256 KiB; {@code 1000}: one document in the verifier).
 * Throughput: buffers per second; bytes per second is that times {@code size}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Crc64Benchmark {
  @Param({"1048576", "1000"})
  int size;

  private byte[] data;

  @Setup
  public void setUp() {
    data = new byte[size];
    new Random(16).nextBytes(data);
  }

  @Benchmark
  public long crc64() {
    return new Crc64().update(data, 0, data.length).value();
  }

  @Benchmark
  public long baselineCrc64() {
    return new BaselineCrc64().update(data, 0, data.length).value();
  }

  @Benchmark
  public byte[] xzCrc64() {
    CRC64 c = new CRC64();
    c.update(data, 0, data.length);
    return c.finish();
  }

  @Benchmark
  public long jdkCrc32c() {
    CRC32C c = new CRC32C();
    c.update(data, 0, data.length);
    return c.getValue();
  }
}
