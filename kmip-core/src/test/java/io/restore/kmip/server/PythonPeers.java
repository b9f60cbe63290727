package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Finds Debian's PyKMIP under /usr/bin/python3: required in CI, optional on a laptop. */
public final class PythonPeers {
  public static final String PYTHON = "/usr/bin/python3";

  private PythonPeers() {}

  /** Fails loudly in CI (CI=true) and skips elsewhere when PyKMIP is missing. */
  public static void requirePyKmip() {
    boolean present = pyKmipPresent();
    if ("true".equals(System.getenv("CI"))) {
      if (!present) {
        fail("PyKMIP is missing: scripts/test installs python3-pykmip for " + PYTHON);
      }
      return;
    }
    assumeTrue(present, "PyKMIP (Debian python3-pykmip) is not installed for " + PYTHON);
  }

  static boolean pyKmipPresent() {
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import kmip").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Copies a classpath resource into {@code dir} and returns its path. */
  public static Path resource(String name, Path dir) throws IOException {
    Path target = dir.resolve(Path.of(name).getFileName().toString());
    try (InputStream in = PythonPeers.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("no resource " + name);
      }
      Files.copy(in, target);
    }
    return target;
  }
}
