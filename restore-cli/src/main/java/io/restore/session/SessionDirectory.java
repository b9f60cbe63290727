package io.restore.session;

import io.restore.ExitCode;
import io.restore.FileTrees;
import io.restore.RestoreException;
import io.restore.mongod.ProcessIdentity;
import io.restore.snapshot.UntrustedFile;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * A private folder (0700) for one session's certificates, mongod config file and log, under {@link
 * PrivateFolder#parentFor} ({@code $XDG_RUNTIME_DIR/restore}, a per-user tmpfs, else {@code
 * $TMPDIR/restore-<user>}). The dbpath is never written by us. Removed with everything in it on
 * {@link #close()}.
 */
public final class SessionDirectory implements AutoCloseable {
  /** The owning restore's pid and start time (clock ticks since boot), one line. */
  static final String OWNER = "restore.pid";

  private final Path path;
  private boolean removed;

  private SessionDirectory(Path path) {
    this.path = path;
  }

  /**
   * Creates a fresh private folder, first removing the folders of sessions whose restore died
   * without cleaning up (SIGKILL, out of memory: the watchdog stops mongod, but these folders hold
   * the client certificate and key).
   */
  public static SessionDirectory create(Map<String, String> env) {
    Path parent = PrivateFolder.parentFor(env);
    try {
      PrivateFolder.ensure(parent);
      removeAbandoned(parent);
      Path dir =
          Files.createTempDirectory(
              parent,
              "session-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      ProcessIdentity me = ProcessIdentity.current();
      Files.writeString(dir.resolve(OWNER), me.pid() + " " + me.startTicks() + "\n");
      return new SessionDirectory(dir);
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot create a private session folder under " + parent + ": " + e.getMessage(),
          "check that the folder is writable, or set TMPDIR / XDG_RUNTIME_DIR to one that is",
          e);
    }
  }

  /**
   * Removes {@code session-*} folders whose {@value #OWNER} file names a restore that is no longer
   * running (pid and start time, so a reused pid does not keep a folder alive). Folders without the
   * file (being created, or of another version) are left alone.
   */
  private static void removeAbandoned(Path parent) {
    try (DirectoryStream<Path> sessions = Files.newDirectoryStream(parent, "session-*")) {
      for (Path d : sessions) {
        ownerOf(d)
            .filter(owner -> !owner.isRunning())
            .ifPresent(owner -> new SessionDirectory(d).close());
      }
    } catch (IOException e) {
      // best effort: a folder we cannot list or read is not ours to remove
    }
  }

  private static Optional<ProcessIdentity> ownerOf(Path dir) {
    try {
      String[] f = Files.readString(dir.resolve(OWNER)).strip().split(" ");
      return Optional.of(
          new ProcessIdentity(Long.parseLong(f[0]), Instant.EPOCH, Long.parseLong(f[1])));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  public Path path() {
    return path;
  }

  public Path resolve(String name) {
    return path.resolve(name);
  }

  /** Removes the folder and everything in it; idempotent. */
  @Override
  public synchronized void close() {
    if (removed) {
      return;
    }
    removed = true;
    try {
      FileTrees.delete(path);
    } catch (IOException e) {
      System.err.println(
          "restore: could not remove the session folder "
              + path
              + ": "
              + UntrustedFile.reason(e)
              + "; remove it by hand");
    }
  }
}
