package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.ProcessIdentity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What can be known about a dump's output before any work: checked before the master key is
 * decrypted and mongod started (a full disk or an existing output should not cost a KMS call and a
 * mongod recovery), and again when the output is created. Also removes the {@code
 * <out>.partial-<id>} leftovers of killed dumps.
 */
public final class OutputChecks {
  private static final String PARTIAL = ".partial-";

  private OutputChecks() {}

  /**
   * The output exists and is not empty (without {@code --overwrite}), is of the wrong kind (a file
   * for a directory output or the reverse), or its folder cannot be created or written.
   *
   * @throws RestoreException {@link ExitCode#USAGE} for an existing or wrong-kind output, {@link
   *     ExitCode#DUMP_FAILED} for a folder that cannot be written
   */
  public static void beforeStart(DumpRequest request) {
    Optional<Path> target = target(request.output());
    if (target.isEmpty()) {
      return; // an archive on stdout
    }
    Path abs = target.get().toAbsolutePath().normalize();
    boolean directory = !(request.output() instanceof DumpOutput.Archive);
    checkKindAndExisting(target.get(), abs, directory, request.overwrite());
    Path ancestor = abs.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null || !Files.isDirectory(ancestor) || !Files.isWritable(ancestor)) {
      throw new RestoreException(
          ExitCode.DUMP_FAILED,
          "cannot write the dump to "
              + abs
              + ": "
              + (ancestor == null ? "it has no parent folder" : ancestor)
              + (ancestor != null && !Files.isDirectory(ancestor)
                  ? " is not a folder"
                  : " is not writable by this user"),
          "choose an output in a folder you can write to, or fix its permissions");
    }
  }

  /** The checks {@link StagedOutput} repeats when it creates the output. */
  static void checkKindAndExisting(Path given, Path abs, boolean directory, boolean overwrite) {
    if (directory && Files.isRegularFile(abs)) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--out " + given + " is a file, not a directory",
          "give a directory path");
    }
    if (!directory && Files.isDirectory(abs)) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--archive " + given + " is a directory",
          "give a file path, e.g. --archive=" + given.resolve("dump.archive"));
    }
    boolean taken =
        directory ? Files.isDirectory(abs) && !isEmptyDirectory(abs) : Files.exists(abs);
    if (!overwrite && taken) {
      throw new RestoreException(
          ExitCode.USAGE,
          "output " + given + " already exists and is not empty",
          "choose another path, remove it, or pass --overwrite to replace it once the new dump has"
              + " verified");
    }
  }

  /**
   * Refuses a dump that clearly cannot fit: the server's sizes (count × average document size) are
   * a rough estimate of the output (gzip counted as a quarter of it); nothing is checked when the
   * server reports no sizes.
   *
   * @throws RestoreException {@link ExitCode#DUMP_FAILED} naming the folder, the estimate and the
   *     free space
   */
  static void freeSpace(DumpRequest request, List<CollectionPlan> plans) {
    Optional<Path> target = target(request.output());
    if (target.isEmpty()) {
      return;
    }
    long estimate = 0;
    for (CollectionPlan p : plans) {
      if (p.estimatedCount() > 0 && p.averageDocumentBytes() > 0) {
        estimate += p.estimatedCount() * p.averageDocumentBytes();
      }
    }
    if (request.gzip()) {
      estimate /= 4;
    }
    Path folder = target.get().toAbsolutePath().normalize().getParent();
    while (folder != null && !Files.exists(folder)) {
      folder = folder.getParent();
    }
    if (estimate == 0 || folder == null) {
      return;
    }
    long free;
    try {
      free = Files.getFileStore(folder).getUsableSpace();
    } catch (IOException e) {
      return; // unknown: the write itself will tell
    }
    if (free < estimate) {
      throw new RestoreException(
          ExitCode.DUMP_FAILED,
          "not enough free space for the dump in "
              + folder
              + ": the server's sizes suggest about "
              + mib(estimate)
              + (request.gzip() ? " (with --gzip)" : "")
              + ", and "
              + mib(free)
              + " are free",
          "free some space, dump to another disk, or add --gzip (or select less with --db /"
              + " --collection)");
    }
  }

  /**
   * Removes {@code <target>.partial-<id>} siblings whose dump is no longer running: the id starts
   * with the owner's pid and start time (see {@link Dumper#randomId()}), the same rule that removes
   * abandoned session folders, so a reused pid keeps nothing alive and a live dump is never
   * touched. Ids without a start time (older versions) are removed only when their pid is gone.
   */
  static void removeStalePartials(Path target) {
    Path dir = target.getParent();
    String prefix = target.getFileName() + PARTIAL;
    if (dir == null || !Files.isDirectory(dir)) {
      return;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir, p -> isPartial(p, prefix))) {
      for (Path p : s) {
        Optional<ProcessIdentity> owner =
            owner(p.getFileName().toString().substring(prefix.length()));
        if (owner.isPresent() && !owner.get().isRunning()) {
          try {
            StagedOutput.deleteRecursively(p);
          } catch (IOException | UncheckedIOException e) {
            // best effort: its name still says .partial
          }
        }
      }
    } catch (IOException e) {
      // a folder we cannot list: nothing to clean
    }
  }

  private static boolean isPartial(Path p, String prefix) {
    return p.getFileName().toString().startsWith(prefix);
  }

  /** {@code <pid hex>-<start ticks hex>-<random>}, or the older {@code <pid hex>-<random>}. */
  static Optional<ProcessIdentity> owner(String id) {
    String[] f = id.split("-");
    try {
      long pid = Long.parseLong(f[0], 16);
      long ticks = f.length >= 3 ? Long.parseLong(f[1], 16) : 0;
      return Optional.of(new ProcessIdentity(pid, Instant.EPOCH, ticks));
    } catch (RuntimeException e) {
      return Optional.empty(); // not one of ours
    }
  }

  private static Optional<Path> target(DumpOutput out) {
    if (out instanceof DumpOutput.Directory d) {
      return Optional.of(d.dir());
    }
    if (out instanceof DumpOutput.Jsonl j) {
      return Optional.of(j.dir());
    }
    if (out instanceof DumpOutput.UploadedArchive || out instanceof DumpOutput.UploadedDirectory) {
      return Optional.empty(); // the store is asked when the upload starts (ObjectStores.open)
    }
    return ((DumpOutput.Archive) out).file();
  }

  private static boolean isEmptyDirectory(Path dir) {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024));
  }
}
