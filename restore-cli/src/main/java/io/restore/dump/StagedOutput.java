package io.restore.dump;

import io.restore.ExitCode;
import io.restore.FileTrees;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Outputs are complete or absent (docs/design/reliability.md #12): everything is written under
 * {@code <out>.partial-<id>} next to the target and renamed onto it only by {@link #commit()};
 * {@link #close()} without a commit deletes the partial output.
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
    OutputChecks.checkKindAndExisting(target, abs, true, overwrite);
    OutputChecks.removeStalePartials(abs);
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
    OutputChecks.checkKindAndExisting(target, abs, false, overwrite);
    OutputChecks.removeStalePartials(abs);
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

  static void deleteRecursively(Path p) throws IOException {
    FileTrees.delete(p);
  }

  private static RestoreException cannotCreate(Path p, IOException e) {
    return new RestoreException(
        ExitCode.DUMP_FAILED,
        "cannot create " + p + ": " + e,
        "check that the parent directory exists and is writable",
        e);
  }
}
