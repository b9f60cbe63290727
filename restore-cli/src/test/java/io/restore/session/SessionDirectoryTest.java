package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Where the session folder (client certificate and its private key) goes: always an absolute,
 * private (0700) folder of this user, whatever XDG_RUNTIME_DIR and TMPDIR say (issue 12 §5).
 */
class SessionDirectoryTest {
  /** A user name of this run alone: the fallback folder is the shared /tmp. */
  private static final String USER = "tester-" + ProcessHandle.current().pid();

  @TempDir Path tmp;

  @AfterAll
  static void removeFallbackFolder() throws Exception {
    Files.deleteIfExists(Path.of("/tmp/restore-" + USER));
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    env.put("USER", USER);
    return env;
  }

  private static void assertPrivate(Path dir) throws Exception {
    assertThat(dir).isAbsolute();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)))
        .isEqualTo("rwx------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.getParent())))
        .isEqualTo("rwx------");
  }

  @Test
  void anEmptyXdgRuntimeDirIsUnsetAndTmpdirIsHonoured() throws Exception {
    try (SessionDirectory dir =
        SessionDirectory.create(env("XDG_RUNTIME_DIR", "", "TMPDIR", tmp.toString()))) {
      assertThat(dir.path().getParent()).isEqualTo(tmp.resolve("restore-" + USER));
      assertPrivate(dir.path());
    }
    assertThat(Path.of("restore")).as("nothing in the current directory").doesNotExist();
  }

  @Test
  void aRelativeXdgRuntimeDirOrTmpdirIsIgnored() throws Exception {
    Path cwd = Path.of("").toAbsolutePath();
    try (SessionDirectory dir =
        SessionDirectory.create(env("XDG_RUNTIME_DIR", ".", "TMPDIR", "target"))) {
      assertThat(dir.path()).isAbsolute();
      assertThat(dir.path().startsWith(cwd)).as(dir.path().toString()).isFalse();
      assertThat(dir.path().getParent()).isEqualTo(Path.of("/tmp/restore-" + USER));
      assertPrivate(dir.path());
    }
  }

  @Test
  void anAbsoluteXdgRuntimeDirWins() throws Exception {
    Path runtime = Files.createDirectory(tmp.resolve("run"));
    try (SessionDirectory dir =
        SessionDirectory.create(env("XDG_RUNTIME_DIR", runtime.toString(), "TMPDIR", "/tmp"))) {
      assertThat(dir.path().getParent()).isEqualTo(runtime.resolve("restore"));
      assertPrivate(dir.path());
    }
  }

  @Test
  void anExistingFolderOfOursWithLooseModeIsTightened() throws Exception {
    Path parent = Files.createDirectory(tmp.resolve("restore-" + USER));
    Files.setPosixFilePermissions(parent, PosixFilePermissions.fromString("rwxrwxrwx"));
    try (SessionDirectory dir = SessionDirectory.create(env("TMPDIR", tmp.toString()))) {
      assertPrivate(dir.path());
    }
  }

  @Test
  void aSymbolicLinkInPlaceOfTheFolderIsRefused() throws Exception {
    Path elsewhere = Files.createDirectory(tmp.resolve("elsewhere"));
    Files.createSymbolicLink(tmp.resolve("restore-" + USER), elsewhere);
    assertThatThrownBy(() -> SessionDirectory.create(env("TMPDIR", tmp.toString())))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("refusing to keep the session's client key in")
        .hasMessageContaining("not a directory")
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.FAILURE));
    try (var left = Files.list(elsewhere)) {
      assertThat(left).isEmpty();
    }
  }
}
