package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

/**
 * A private folder (0700) for one session's certificates and mongod log, under {@code
 * $XDG_RUNTIME_DIR/restore} (a per-user tmpfs) or the temp folder. The dbpath is never written by
 * us. Removed with everything in it on {@link #close()}.
 */
public final class SessionDirectory implements AutoCloseable {
  private final Path path;
  private boolean removed;

  private SessionDirectory(Path path) {
    this.path = path;
  }

  /** Creates a fresh private folder. */
  public static SessionDirectory create(Map<String, String> env) {
    Path parent =
        env.containsKey("XDG_RUNTIME_DIR") && Files.isDirectory(Path.of(env.get("XDG_RUNTIME_DIR")))
            ? Path.of(env.get("XDG_RUNTIME_DIR"), "restore")
            : Path.of(System.getProperty("java.io.tmpdir"), "restore-" + userName());
    try {
      Files.createDirectories(
          parent,
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      return new SessionDirectory(
          Files.createTempDirectory(
              parent,
              "session-",
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"))));
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot create a private session folder under " + parent + ": " + e.getMessage(),
          "check that the folder is writable, or set TMPDIR / XDG_RUNTIME_DIR to one that is",
          e);
    }
  }

  private static String userName() {
    return System.getProperty("user.name", "user").replaceAll("[^A-Za-z0-9._-]", "_");
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
      if (Files.exists(path)) {
        Files.walkFileTree(
            path,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                  throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult postVisitDirectory(Path dir, IOException exc)
                  throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
              }
            });
      }
    } catch (IOException e) {
      System.err.println("restore: could not remove the session folder " + path + ": " + e);
    }
  }
}
