package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the mongod binary is and how it was found: {@code --mongod PATH}, else {@code
 * $RESTORE_MONGOD}, else {@code mongod} on {@code PATH}.
 */
public record MongodBinary(Path path, String foundBy) {
  public static final String ENV = "RESTORE_MONGOD";

  static final String WHERE_TO_GET =
      "Encrypted snapshots need MongoDB Enterprise (free for evaluation and development):"
          + " https://www.mongodb.com/try/download/enterprise";

  /**
   * Finds the binary. {@code flag} is the value of {@code --mongod} (empty when not given), {@code
   * env} the process environment (passed in so tests need not change the real one).
   *
   * @throws RestoreException {@link ExitCode#MONGOD_UNUSABLE} naming everything that was tried
   */
  public static MongodBinary find(Optional<Path> flag, Map<String, String> env) {
    if (flag.isPresent()) {
      return checked(flag.get(), "--mongod " + flag.get(), "--mongod");
    }
    String fromEnv = env.get(ENV);
    if (fromEnv != null && !fromEnv.isBlank()) {
      return checked(Path.of(fromEnv), "$" + ENV + "=" + fromEnv, "$" + ENV);
    }
    List<String> tried = new ArrayList<>();
    String pathVar = env.getOrDefault("PATH", "");
    for (String dir : pathVar.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir).resolve("mongod");
      tried.add(candidate.toString());
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return new MongodBinary(candidate, "mongod on PATH");
      }
    }
    throw new RestoreException(
        ExitCode.MONGOD_UNUSABLE,
        "no mongod found: --mongod was not given, $"
            + ENV
            + " is not set, and there is no executable mongod on PATH"
            + (tried.isEmpty()
                ? " (PATH is empty)"
                : " (looked in " + String.join(", ", tried) + ")"),
        "install MongoDB Enterprise and pass its binary with --mongod /path/to/mongod or set $"
            + ENV
            + ". "
            + WHERE_TO_GET);
  }

  private static MongodBinary checked(Path path, String source, String flag) {
    if (!Files.exists(path)) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          "mongod not found at " + path + " (from " + source + ")",
          "check the path given with " + flag + ". " + WHERE_TO_GET);
    }
    if (Files.isDirectory(path)) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          path + " (from " + source + ") is a directory, not the mongod binary",
          "point " + flag + " at the mongod file itself, e.g. " + path.resolve("bin/mongod"));
    }
    if (!Files.isExecutable(path)) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          path + " (from " + source + ") is not executable",
          "make it executable (chmod +x " + path + ") or choose another binary with " + flag);
    }
    return new MongodBinary(path, source);
  }

  @Override
  public String toString() {
    return path + " (" + foundBy + ")";
  }
}
