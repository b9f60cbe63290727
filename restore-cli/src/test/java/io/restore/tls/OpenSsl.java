package io.restore.tls;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The {@code openssl} command line, the same library mongod reads its PEM files with. Absent
 * locally, tests are skipped; absent on CI ({@code CI=true}), they fail.
 */
final class OpenSsl {
  record Result(int exitCode, String output) {}

  private OpenSsl() {}

  static Path require() {
    Optional<Path> found = find();
    if (found.isEmpty()) {
      if ("true".equalsIgnoreCase(System.getenv("CI"))) {
        fail("openssl is required on CI (CI=true) but is not on PATH");
      }
      assumeTrue(false, "openssl is not installed; skipping OpenSSL interoperability tests");
    }
    return found.get();
  }

  private static Optional<Path> find() {
    String path = System.getenv().getOrDefault("PATH", "");
    for (String entry : path.split(File.pathSeparator)) {
      Path candidate = Path.of(entry, "openssl");
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  /** Runs {@code openssl args...} in {@code dir} with empty stdin; output is stdout + stderr. */
  static Result run(Path dir, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(require().toString());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
            .start();
    byte[] output = process.getInputStream().readAllBytes(); // ends when openssl exits
    if (!process.waitFor(30, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      fail("openssl " + String.join(" ", args) + " did not finish within 30 s");
    }
    return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
  }
}
