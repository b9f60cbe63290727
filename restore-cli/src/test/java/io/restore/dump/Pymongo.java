package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Debian's python3-pymongo as an independent BSON decoder: decodes a .bson (or .bson.gz) file with
 * {@code bson.decode_file_iter} and prints each document re-encoded, as hex.
 */
public final class Pymongo {
  static final Path PYTHON = Path.of("/usr/bin/python3");
  private static final String SCRIPT =
      String.join(
          "\n",
          "import sys, gzip, bson",
          "from bson.codec_options import CodecOptions",
          "from bson.binary import UuidRepresentation",
          "opts = CodecOptions(uuid_representation=UuidRepresentation.STANDARD)",
          "p = sys.argv[1]",
          "f = gzip.open(p, 'rb') if p.endswith('.gz') else open(p, 'rb')",
          "for d in bson.decode_file_iter(f, opts):",
          "    print(bson.encode(d, codec_options=opts).hex())");

  private Pymongo() {}

  public static void assumeAvailable() {
    boolean ok = false;
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import bson, pymongo").start();
      ok = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException | InterruptedException e) {
      ok = false;
    }
    if ("true".equals(System.getenv("CI"))) {
      assertThat(ok)
          .as("python3-pymongo under /usr/bin/python3 (scripts/test installs it)")
          .isTrue();
    }
    assumeTrue(ok, "python3-pymongo is not installed");
  }

  /** Every document of the file, re-encoded by pymongo, as sorted hex strings. */
  public static List<String> decode(Path bsonFile) throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT, bsonFile.toString())
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as("pymongo on %s: %s", bsonFile, out).isZero();
    List<String> lines = new ArrayList<>(out.lines().filter(l -> !l.isBlank()).toList());
    lines.sort(null);
    return lines;
  }

  static boolean exists(Path p) {
    return Files.exists(p);
  }
}
