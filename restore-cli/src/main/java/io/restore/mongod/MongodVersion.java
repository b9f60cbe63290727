package io.restore.mongod;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Launcher;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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

  /** {@link #probe(MongodBinary, Duration, CompletableFuture)} that nothing cancels. */
  public static MongodVersion probe(MongodBinary binary, Duration timeout) {
    return probe(binary, timeout, new CompletableFuture<>());
  }

  /** With real processes and this JVM's environment. */
  public static MongodVersion probe(
      MongodBinary binary, Duration timeout, CompletableFuture<?> stop) {
    return probe(Launcher.system(), System.getenv(), binary, timeout, stop);
  }

  /**
   * Runs {@code <binary> --version} through {@code launcher}, with {@code env} as its environment,
   * in a process group of its own (stdin empty) and parses it. The timeout and {@code stop} end the
   * whole group at once: a wrapper script's children would otherwise keep the output pipe open, and
   * restore waiting, long after the limit.
   *
   * @param stop completes when restore is asked to stop (Ctrl-C): the probe is killed and this
   *     method throws at once; the caller turns it into its "interrupted" error
   * @throws RestoreException {@link ExitCode#MONGOD_UNUSABLE} when the binary does not run, exits
   *     non-zero, does not answer in time or prints something that is not mongod's version; {@link
   *     ExitCode#INTERRUPTED} when {@code stop} completed first
   */
  public static MongodVersion probe(
      Launcher launcher,
      Map<String, String> env,
      MongodBinary binary,
      Duration timeout,
      CompletableFuture<?> stop) {
    VersionProbe.Output run = VersionProbe.run(launcher, env, binary, timeout, stop);
    if (run.outcome() == VersionProbe.Outcome.FAILED_TO_START) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          "cannot run " + binary + " --version: " + run.text(),
          "check that the file is a mongod binary for this machine. " + MongodBinary.WHERE_TO_GET);
    }
    if (run.outcome() == VersionProbe.Outcome.STOPPED) {
      throw new RestoreException(
          ExitCode.INTERRUPTED,
          "stopped while " + binary.path() + " --version ran",
          "run the command again when you are ready");
    }
    if (run.outcome() == VersionProbe.Outcome.TIMED_OUT) {
      throw new RestoreException(
          ExitCode.MONGOD_UNUSABLE,
          binary
              + " --version did not answer within "
              + timeout.toSeconds()
              + "s (it and everything it started were killed)",
          "check that --mongod points at a mongod binary, not a wrapper that waits for something");
    }
    String text = run.text();
    int exit = run.exitCode();
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

  /** The oldest mongod restore supports: it reads the JSON log lines mongod writes since 4.4. */
  public static final int OLDEST_MAJOR = 4;

  public static final int OLDEST_MINOR = 4;

  /**
   * A warning when this mongod is older than the versions restore supports (MongoDB 4.4 and newer):
   * such a mongod writes a plain-text log restore cannot read its port from, and lacks KMIP options
   * restore passes, so it will most likely fail to start or never be seen as ready.
   */
  public Optional<String> tooOldWarning() {
    if (major > OLDEST_MAJOR || (major == OLDEST_MAJOR && minor >= OLDEST_MINOR)) {
      return Optional.empty();
    }
    return Optional.of(
        "mongod "
            + version
            + " is older than the versions restore supports (MongoDB "
            + OLDEST_MAJOR
            + "."
            + OLDEST_MINOR
            + " and newer); it will probably fail to start or never be seen as ready. Use a"
            + " MongoDB Enterprise mongod of the snapshot's major version (4.4, 5.0, 6.0, 7.0,"
            + " 8.0...) with --mongod.");
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
