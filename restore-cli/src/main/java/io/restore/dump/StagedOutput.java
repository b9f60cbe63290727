package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Outputs are complete or absent (reliability.md #12): everything is written under {@code
 * <out>.partial-<id>} next to the target and renamed onto it only by {@link #commit()}; {@link
 * #close()} without a commit deletes the partial output.
 */
final class StagedOutput implements AutoCloseable {
  private final Path target;
  private final Path staging;
  private final boolean directory;
  private final String id;
  private boolean committed;

  private StagedOutput(Path target, Path staging, boolean directory, String id) {
    this.target = target;
    this.staging = staging;
    this.directory = directory;
    this.id = id;
  }

  /** A directory output; refuses a non-empty {@code target} unless {@code overwrite}. */
  static StagedOutput directory(Path target, boolean overwrite, String id) {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.isRegularFile(abs)) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--out " + target + " is a file, not a directory",
          "give a directory path");
    }
    if (!overwrite && Files.isDirectory(abs) && !isEmptyDirectory(abs)) {
      throw exists(target);
    }
    Path staging = abs.resolveSibling(abs.getFileName() + ".partial-" + id);
    try {
      Files.createDirectories(abs.getParent());
      Files.createDirectory(staging);
    } catch (IOException e) {
      throw cannotCreate(staging, e);
    }
    return new StagedOutput(abs, staging, true, id);
  }

  /** A single-file output (an archive). */
  static StagedOutput file(Path target, boolean overwrite, String id) {
    Path abs = target.toAbsolutePath().normalize();
    if (Files.isDirectory(abs)) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--archive " + target + " is a directory",
          "give a file path, e.g. --archive=" + target.resolve("dump.archive"));
    }
    if (!overwrite && Files.exists(abs)) {
      throw exists(target);
    }
    Path staging = abs.resolveSibling(abs.getFileName() + ".partial-" + id);
    try {
      Files.createDirectories(abs.getParent());
      Files.createFile(staging);
    } catch (IOException e) {
      throw cannotCreate(staging, e);
    }
    return new StagedOutput(abs, staging, false, id);
  }

  /** Where to write until {@link #commit()}. */
  Path staging() {
    return staging;
  }

  Path target() {
    return target;
  }

  /** Moves the finished output into place, replacing an old one only at the very end. */
  void commit() throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(target.getFileName() + ".old-" + id);
      Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
    }
    try {
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, target);
    } catch (IOException e) {
      if (old != null) {
        Files.move(old, target, StandardCopyOption.ATOMIC_MOVE); // put the old output back
      }
      throw e;
    }
    committed = true;
    if (old != null) {
      deleteRecursively(old);
    }
  }

  @Override
  public void close() {
    if (!committed) {
      try {
        deleteRecursively(staging);
      } catch (IOException | UncheckedIOException ignored) {
        // best effort: the name still says .partial, so nothing here looks complete
      }
    }
  }

  boolean isDirectory() {
    return directory;
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p)) {
      return;
    }
    Files.walkFileTree(
        p,
        new SimpleFileVisitor<>() {
          @Override
          public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
              throws IOException {
            Files.delete(file);
            return FileVisitResult.CONTINUE;
          }

          @Override
          public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
            Files.delete(dir);
            return FileVisitResult.CONTINUE;
          }
        });
  }

  private static RestoreException exists(Path target) {
    return new RestoreException(
        ExitCode.USAGE,
        "output " + target + " already exists and is not empty",
        "choose another path, remove it, or pass --overwrite to replace it once the new dump has"
            + " verified");
  }

  private static RestoreException cannotCreate(Path p, IOException e) {
    return new RestoreException(
        ExitCode.DUMP_FAILED,
        "cannot create " + p + ": " + e,
        "check that the parent directory exists and is writable",
        e);
  }
}
