package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Launcher;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The version cache against a real script standing in for mongod that appends a line to a file each
 * time it runs: the count of lines is the count of probes.
 */
class VersionCacheTest {
  @TempDir Path dir;

  private Path counter() {
    return dir.resolve("runs");
  }

  /** A "mongod" that counts its runs and answers as {@code version}, Enterprise or not. */
  private Path mongod(String name, String version, boolean enterprise) throws Exception {
    Path script = dir.resolve(name);
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "echo run >> '"
            + counter()
            + "'\n"
            + "echo 'db version v"
            + version
            + "'\n"
            + "echo 'Build Info: {\"version\": \""
            + version
            + "\", \"modules\": ["
            + (enterprise ? "\"enterprise\"" : "")
            + "]}'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private long runs() throws Exception {
    return Files.exists(counter()) ? Files.readAllLines(counter()).size() : 0;
  }

  private Map<String, String> env() {
    return Map.of("XDG_CACHE_HOME", dir.resolve("cache").toString(), "PATH", "/usr/bin:/bin");
  }

  private static MongodVersion probe(Map<String, String> env, Path binary) {
    return VersionCache.of(env)
        .probe(
            Launcher.system(),
            env,
            new MongodBinary(binary, "test"),
            Duration.ofSeconds(30),
            new CompletableFuture<>());
  }

  private Path cacheDir() {
    return dir.resolve("cache/restore/mongod-version");
  }

  private List<Path> entries() throws Exception {
    try (var s = Files.list(cacheDir())) {
      return s.toList();
    }
  }

  @Test
  void theFirstRunProbesAndWritesThenTheSameBinaryIsNotRunAgain() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);

    assertThat(probe(env(), bin)).isEqualTo(new MongodVersion("8.0.4", 8, 0, true));
    assertThat(runs()).isEqualTo(1);
    assertThat(entries()).hasSize(1);
    Path entry = entries().get(0);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(entry)))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cacheDir())))
        .isEqualTo("rwx------");
    assertThat(Files.readString(entry))
        .startsWith(VersionCacheEntry.HEADER + "\npath=" + bin.toRealPath() + "\n")
        .contains("\nversion=8.0.4\nenterprise=true\n");

    assertThat(probe(env(), bin)).isEqualTo(new MongodVersion("8.0.4", 8, 0, true));
    assertThat(runs()).as("the second session started no process").isEqualTo(1);
  }

  @Test
  void aSymlinkToTheSameBinaryUsesTheSameEntry() throws Exception {
    Path bin = mongod("mongod", "7.0.14", true);
    Path link = Files.createSymbolicLink(dir.resolve("mongod-link"), bin);
    probe(env(), bin);
    assertThat(probe(env(), link).version()).isEqualTo("7.0.14");
    assertThat(runs()).isEqualTo(1);
  }

  @Test
  void aReplacedBinaryIsProbedAgain() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);
    probe(env(), bin);
    // Same path, a Community build of another size; its old modification time kept on purpose.
    FileTime mtime = Files.getLastModifiedTime(bin);
    Path fresh = mongod("mongod.new", "7.0.2", false);
    Files.move(fresh, bin, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Files.setLastModifiedTime(bin, mtime);

    assertThat(probe(env(), bin)).isEqualTo(new MongodVersion("7.0.2", 7, 0, false));
    assertThat(runs()).isEqualTo(2);
    assertThat(probe(env(), bin).version()).isEqualTo("7.0.2");
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aTouchedBinaryIsProbedAgain() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);
    probe(env(), bin);
    Files.setLastModifiedTime(bin, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));
    probe(env(), bin);
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void aCorruptOrForgedEntryIsIgnoredAndRewritten() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);
    probe(env(), bin);
    Path entry = entries().get(0);
    String good = Files.readString(entry);
    List<String> bad =
        List.of(
            "",
            "garbage\u0000\u00ff",
            good.replace("version=8.0.4", "version=8.0.4; rm -rf /"),
            good.replace("enterprise=true", "enterprise=yes"),
            good.replace("\nsize=", "\nsize=x"),
            good + "version=9.0.0\n",
            good + "x".repeat(5000),
            good.replace(VersionCacheEntry.HEADER, "restore mongod-version cache 2"));
    long expected = 1;
    for (String text : bad) {
      Files.writeString(entry, text);
      assertThat(probe(env(), bin)).isEqualTo(new MongodVersion("8.0.4", 8, 0, true));
      assertThat(runs()).as("probed again with %s", text).isEqualTo(++expected);
      assertThat(Files.readString(entry)).isEqualTo(good);
    }
  }

  @Test
  void anUnwritableCacheFolderStillProbesEveryTime() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);
    Files.writeString(dir.resolve("cache"), "a file where the folder should be");
    assertThat(probe(env(), bin).enterprise()).isTrue();
    assertThat(probe(env(), bin).enterprise()).isTrue();
    assertThat(runs()).isEqualTo(2);
  }

  @Test
  void theBypassVariableNeitherReadsNorWrites() throws Exception {
    Path bin = mongod("mongod", "8.0.4", true);
    Map<String, String> bypass = new java.util.HashMap<>(env());
    bypass.put(VersionCache.BYPASS_ENV, "1");
    probe(bypass, bin);
    probe(bypass, bin);
    assertThat(runs()).isEqualTo(2);
    assertThat(cacheDir()).doesNotExist();
    assertThat(VersionCache.of(bypass).dir()).isEmpty();
  }

  @Test
  void theCacheFolderFollowsXdgThenHome() {
    assertThat(VersionCache.of(Map.of("XDG_CACHE_HOME", "/c", "HOME", "/h")).dir())
        .contains(Path.of("/c/restore/mongod-version"));
    assertThat(VersionCache.of(Map.of("XDG_CACHE_HOME", "relative", "HOME", "/h")).dir())
        .contains(Path.of("/h/.cache/restore/mongod-version"));
    assertThat(VersionCache.of(Map.of()).dir()).isEmpty();
    assertThat(VersionCache.of(Map.of("HOME", "/h", VersionCache.BYPASS_ENV, "0")).dir())
        .isPresent();
  }

  @Test
  void aFailedProbeIsNeverRemembered() throws Exception {
    Path bin = dir.resolve("mongod");
    Files.writeString(bin, "#!/bin/sh\necho run >> '" + counter() + "'\necho nope\nexit 3\n");
    Files.setPosixFilePermissions(bin, PosixFilePermissions.fromString("rwx------"));
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> probe(env(), bin))
          .isInstanceOfSatisfying(
              RestoreException.class,
              e -> assertThat(e.exitCode()).isEqualTo(ExitCode.MONGOD_UNUSABLE));
    }
    assertThat(runs()).isEqualTo(2);
  }
}
