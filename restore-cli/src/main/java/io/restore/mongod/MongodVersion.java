package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Completed;
import io.restore.process.Launcher;
import io.restore.process.RunSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.BsonArray;
import org.bson.BsonDocument;
import org.bson.BsonValue;

/**
 * What {@code mongod --version} says: the version and whether the build is Enterprise. Enterprise
 * builds list {@code "modules": ["enterprise"]} in the "Build Info" JSON (atlas-snapshot.md);
 * Community builds list none and exit 2 on {@code --enableEncryption}.
 */
public record MongodVersion(String version, int major, int minor, boolean enterprise) {
  private static final Pattern DB_VERSION = Pattern.compile("db version v?(\\d+)\\.(\\d+)(\\S*)");
  private static final Pattern MODULES = Pattern.compile("\"modules\"\\s*:\\s*\\[([^\\]]*)\\]");

  /**
   * Parses the output of {@code mongod --version}.
   *
   * @throws IllegalArgumentException when the output has no "db version" line
   */
  public static MongodVersion parse(String output) {
    Matcher m = DB_VERSION.matcher(output);
    if (!m.find()) {
      throw new IllegalArgumentException("no 'db version' line");
    }
    String version = m.group(1) + "." + m.group(2) + m.group(3);
    return new MongodVersion(
        version, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), isEnterprise(output));
  }

  private static boolean isEnterprise(String output) {
    int brace = output.indexOf('{', Math.max(0, output.indexOf("Build Info")));
    if (output.contains("Build Info") && brace >= 0) {
      try {
        BsonDocument info = BsonDocument.parse(output.substring(brace));
        BsonValue modules = info.get("modules");
        if (modules instanceof BsonArray array) {
          return array.stream()
              .anyMatch(v -> v.isString() && v.asString().getValue().equals("enterprise"));
        }
      } catch (RuntimeException e) {
        // fall through to the plain-text match: older builds print slightly different JSON
      }
    }
    Matcher m = MODULES.matcher(output);
    return m.find() && m.group(1).contains("\"enterprise\"");
  }

  /**
   * Runs {@code <binary> --version} (to its end, with a timeout: {@link Launcher#run}) and parses
   * it.
   *
   * @throws RestoreException {@link ExitCode#MONGOD_UNUSABLE} when the binary does not run, exits
   *     non-zero or prints something that is not mongod's version
   */
  public static MongodVersion probe(MongodBinary binary, Duration timeout) {
    return probe(Launcher.system(), System.getenv(), binary, timeout);
  }

  /** {@link #probe(MongodBinary, Duration)} through {@code launcher}, with {@code env}. */
  public static MongodVersion probe(
      Launcher launcher, Map<String, String> env, MongodBinary binary, Duration timeout) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Completed done;
    try {
      done =
          launcher.run(
              RunSpec.of(List.of(binary.path().toString(), "--version"), env, out, timeout));
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          "cannot run " + binary + " --version: " + e.getMessage(),
          "check that the file is a mongod binary for this machine. " + MongodBinary.WHERE_TO_GET,
          e);
    }
    int exit = done.exitCode();
    String text = out.toString(StandardCharsets.UTF_8);
    if (done.destroyed()) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          binary + " --version did not answer within " + timeout.toSeconds() + "s",
          "check that --mongod points at a mongod binary, not a wrapper that waits for input");
    }
    try {
      MongodVersion v = parse(text);
      if (exit != 0) {
        throw new IllegalArgumentException("exit " + exit);
      }
      return v;
    } catch (IllegalArgumentException e) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          binary
              + " --version exited with "
              + exit
              + " and did not print a mongod version"
              + (text.isBlank() ? "" : ":\n" + indent(text)),
          "point --mongod (or $RESTORE_MONGOD) at a MongoDB Enterprise mongod. "
              + MongodBinary.WHERE_TO_GET);
    }
  }

  /**
   * Refuses a Community build.
   *
   * @throws RestoreException {@link ExitCode#MONGOD_UNUSABLE} explaining why Enterprise is needed
   */
  public MongodVersion requireEnterprise(MongodBinary binary) {
    if (!enterprise) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          binary
              + " is MongoDB Community "
              + version
              + ": Atlas snapshots with customer key management are encrypted at rest, and only"
              + " MongoDB Enterprise can open them (--enableEncryption with KMIP)",
          "install MongoDB Enterprise "
              + major
              + "."
              + minor
              + " and pass it with --mongod or $RESTORE_MONGOD. "
              + MongodBinary.WHERE_TO_GET);
    }
    return this;
  }

  /**
   * A warning for a person when the snapshot's server version is known and this mongod cannot be
   * expected to open it: mongod opens data files of its own major version or the previous one
   * (otherwise it exits 62, log id 20573).
   */
  public Optional<String> mismatchWarning(Optional<String> snapshotVersion) {
    if (snapshotVersion.isEmpty()) {
      return Optional.empty();
    }
    Matcher m = Pattern.compile("v?(\\d+)\\.(\\d+)").matcher(snapshotVersion.get());
    if (!m.find()) {
      return Optional.empty();
    }
    int snapMajor = Integer.parseInt(m.group(1));
    int snapMinor = Integer.parseInt(m.group(2));
    String snap = snapMajor + "." + snapMinor;
    if (snapMajor == major) {
      return Optional.empty();
    }
    if (snapMajor + 1 == major) {
      return Optional.empty(); // one major version up is a supported upgrade path
    }
    String direction = snapMajor > major ? "older than" : "more than one major version newer than";
    return Optional.of(
        "mongod "
            + version
            + " is "
            + direction
            + " the snapshot's MongoDB "
            + snap
            + "; it will probably refuse the data files (exit 62). Use mongod "
            + snap
            + " (or "
            + (snapMajor + 1)
            + ".x) with --mongod.");
  }

  private static String indent(String text) {
    return text.strip()
        .lines()
        .limit(20)
        .map(l -> "    " + l)
        .reduce((a, b) -> a + "\n" + b)
        .orElse("");
  }
}
