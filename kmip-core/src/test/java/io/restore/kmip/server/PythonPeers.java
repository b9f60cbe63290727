package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
      runToEnd(p, Duration.ofSeconds(30));
      return p.exitValue() == 0;
    } catch (IOException | AssertionError e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits for a child (stdin closed, stderr merged into stdout) and returns its output. The output
   * is drained on another thread while this one enforces the deadline, so a stuck child cannot hang
   * the build: past {@code limit} the child and its descendants are killed and the test fails with
   * what it printed.
   */
  public static String runToEnd(Process p, Duration limit) throws InterruptedException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Thread drain =
        new Thread(
            () -> {
              try (InputStream in = p.getInputStream()) {
                in.transferTo(out);
              } catch (IOException e) {
                // the child is gone; what was read so far is kept
              }
            },
            "child-output-" + p.pid());
    drain.setDaemon(true);
    drain.start();
    try {
      p.getOutputStream().close();
    } catch (IOException e) {
      // the child closed its stdin first
    }
    if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      drain.join(5000);
      throw new AssertionError(
          "child " + p.pid() + " still running after " + limit + ", killed; its output:\n" + out);
    }
    // A grandchild that kept the pipe open must not hold the test either.
    drain.join(5000);
    return out.toString(StandardCharsets.UTF_8);
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
