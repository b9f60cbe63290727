package io.restore.source;

import io.restore.ExitCode;
import io.restore.FileTrees;
import io.restore.RestoreException;
import io.restore.mongod.ProcessIdentity;
import io.restore.snapshot.UntrustedFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;

/**
 * The private folder (0700) an archive is extracted into: {@code <parent>/restore-extract-*}, with
 * an owner file ({@value #OWNER}: pid and start time, as session folders have) beside the
 * extraction root {@code snapshot/}. Removed on {@link #close()}, and by a shutdown hook when the
 * JVM exits on Ctrl-C or SIGTERM before the session took over those signals; a folder whose owner
 * was SIGKILLed is removed by the next restore that uses the same parent.
 *
 * <p>Writers take {@link #lock()} around each write and check {@link #isClosed()} inside it, so
 * once the hook has the lock nothing more is written under a folder being removed.
 */
final class WorkDir implements AutoCloseable {
  static final String PREFIX = "restore-extract-";
  static final String OWNER = "restore.pid";

  private final Path path;
  private final Object lock = new Object();
  private final Thread hook;
  private volatile boolean closed;

  private WorkDir(Path path) {
    this.path = path;
    this.hook = new Thread(this::remove, "restore-work-dir-cleanup");
  }

  /** Creates a fresh work folder under {@code parent}, first sweeping abandoned ones there. */
  static WorkDir create(Path parent, String flag) {
    try {
      Files.createDirectories(parent);
      sweep(parent);
      Path dir =
          Files.createTempDirectory(
              parent,
              PREFIX,
              PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      ProcessIdentity me = ProcessIdentity.current();
      Files.writeString(dir.resolve(OWNER), me.pid() + " " + me.startTicks() + "\n");
      Files.createDirectory(dir.resolve("snapshot"));
      WorkDir w = new WorkDir(dir);
      Runtime.getRuntime().addShutdownHook(w.hook);
      return w;
    } catch (IOException | UnsupportedOperationException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot create a private work folder under " + parent + ": " + e.getMessage(),
          "pass " + flag + " DIR (or set $" + Sources.WORK_DIR_ENV + ") to a writable folder");
    }
  }

  /**
   * Removes {@code restore-extract-*} folders whose owner restore is no longer running (pid and
   * start time, so a reused pid keeps nothing alive). Folders without an owner file (being created,
   * kept with --keep-extracted, or someone else's) are left alone.
   */
  static void sweep(Path parent) {
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path d : dirs) {
        ownerOf(d).filter(o -> !o.isRunning()).ifPresent(o -> deleteTree(d));
      }
    } catch (IOException e) {
      // best effort: a parent we cannot list holds nothing of ours
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

  Path path() {
    return path;
  }

  /** Where entries go; the owner file stays outside it. */
  Path root() {
    return path.resolve("snapshot");
  }

  Object lock() {
    return lock;
  }

  boolean isClosed() {
    return closed;
  }

  /** Keeps the folder: no cleanup on exit and no owner file (so no later sweep). */
  void keep(PrintWriter err, Path dbpath) {
    synchronized (lock) {
      closed = true;
      unhook();
      try {
        Files.deleteIfExists(path.resolve(OWNER));
      } catch (IOException e) {
        // the folder is kept either way; at worst a later restore sweeps it
      }
    }
    err.println("restore: the extracted snapshot is kept in " + path + " (dbpath " + dbpath + ")");
    err.flush();
  }

  @Override
  public void close() {
    unhook();
    remove();
  }

  private void unhook() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is shutting down: the hook runs (or ran) remove() itself
    }
  }

  private void remove() {
    synchronized (lock) {
      if (closed) {
        return;
      }
      closed = true;
      deleteTree(path);
    }
  }

  static void deleteTree(Path dir) {
    try {
      FileTrees.delete(dir);
    } catch (IOException e) {
      System.err.println(
          "restore: could not remove the work folder "
              + dir
              + ": "
              + UntrustedFile.reason(e)
              + "; remove it by hand");
    }
  }
}
