package io.restore.source;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads a (gzipped) tar stream once, entry by entry, and writes the wanted entries under the work
 * folder's root as they arrive — the archive itself is never stored. Every entry is untrusted
 * input: its name ({@link EntryNames}), its type (files, folders, links that stay inside; no
 * devices or FIFOs), its size (at most the free space left) and its mode ({@link Modes}) are
 * checked before anything is written, and nothing is ever written through a symbolic link.
 */
final class TarExtractor {
  private static final int BUFFER = 1 << 18;

  /** Which entries to write and when reading may stop. */
  interface Plan {
    boolean wanted(String name);

    /** Called after each entry with every name seen so far; true stops reading there. */
    default boolean done(Set<String> seen, String last) {
      return false;
    }
  }

  /** Every entry name seen (written or not), and whether the stream was read to its end. */
  record Result(Set<String> names, long bytesWritten, boolean readToEnd) {}

  private final WorkDir work;
  private final FreeSpace free;
  private final Path root;
  private final Path realRoot;
  private final Set<String> files = new HashSet<>();
  private final byte[] buffer = new byte[BUFFER];
  private long written;

  TarExtractor(WorkDir work, FreeSpace free) throws IOException {
    this.work = work;
    this.free = free;
    this.root = work.root();
    this.realRoot = root.toRealPath();
  }

  Result extract(InputStream raw, Plan plan) {
    Set<String> seen = new HashSet<>();
    String current = null;
    try {
      BufferedInputStream in = new BufferedInputStream(raw, 1 << 16);
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      InputStream tarBytes =
          new ReadAhead(
              b0 == 0x1f && b1 == 0x8b
                  ? GzipCompressorInputStream.builder()
                      .setInputStream(in)
                      .setDecompressConcatenated(true)
                      .setBufferSize(1 << 16)
                      .get()
                  : in);
      try (TarArchiveInputStream tar = new TarArchiveInputStream(tarBytes)) {
        for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
          current = e.getName();
          String name = EntryNames.normalize(e.getName());
          checkType(e);
          seen.add(name);
          if (plan.wanted(name)) {
            write(e, name, tar);
          }
          if (plan.done(seen, name)) {
            return new Result(seen, written, false);
          }
        }
        // tar stops at its end-of-archive blocks: read gzip to its end so that its CRC and
        // length trailer are checked (a corrupt archive must not pass as complete)
        tarBytes.transferTo(OutputStream.nullOutputStream());
      }
      return new Result(seen, written, true);
    } catch (EOFException e) {
      throw broken(current, "the archive ends early: the file or download is truncated", e);
    } catch (IOException e) {
      throw broken(current, describeFormatError(e), e);
    }
  }

  private static String describeFormatError(IOException e) {
    String m = String.valueOf(e.getMessage());
    String lower = m.toLowerCase(java.util.Locale.ROOT);
    if (lower.contains("truncated") || lower.contains("unexpected end")) {
      return "the archive ends early: the file or download is truncated (" + m + ")";
    }
    if (lower.contains("gzip") || lower.contains("crc") || lower.contains(".gz")) {
      return "the archive is corrupt: its gzip data or checksum does not match (" + m + ")";
    }
    if (lower.contains("tar") || lower.contains("parse")) {
      return "the archive is corrupt: a tar header cannot be read (" + m + ")";
    }
    return "the archive cannot be read as tar.gz (" + m + ")";
  }

  private static RestoreException broken(String entry, String what, IOException e) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        what
            + (entry == null
                ? " (in the archive's first entry)"
                : " (last entry read: '" + UnsafeEntry.printable(entry) + "')"),
        "download the snapshot again from Atlas (a .tar.gz as Atlas delivers it); `gzip -t FILE`"
            + " checks a local copy",
        e);
  }

  private static void checkType(TarArchiveEntry e) {
    if (e.isCharacterDevice()) {
      throw UnsafeEntry.of(e.getName(), "a character device");
    }
    if (e.isBlockDevice()) {
      throw UnsafeEntry.of(e.getName(), "a block device");
    }
    if (e.isFIFO()) {
      throw UnsafeEntry.of(e.getName(), "a FIFO (named pipe)");
    }
    if (!e.isDirectory() && !e.isFile() && !e.isSymbolicLink() && !e.isLink()) {
      throw UnsafeEntry.of(e.getName(), "an entry type restore does not extract");
    }
  }

  private void write(TarArchiveEntry e, String name, InputStream data) throws IOException {
    if (name.isEmpty()) {
      return; // "./": the root exists
    }
    Path target = root.resolve(name);
    Path parent = ensureParent(name, target);
    if (e.isDirectory()) {
      synchronized (work.lock()) {
        checkOpen();
        if (!Files.isDirectory(target, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(target);
          Files.createDirectory(target);
        }
        Files.setPosixFilePermissions(target, Modes.directory(e.getMode(), name));
      }
    } else if (e.isSymbolicLink()) {
      symlink(e, name, target, parent);
    } else if (e.isLink()) {
      hardLink(e, name, target);
    } else {
      file(e, name, target, data);
    }
  }

  /** Creates missing parent folders (0700) and checks the real parent is inside the root. */
  private Path ensureParent(String name, Path target) throws IOException {
    Path parent = target.getParent();
    synchronized (work.lock()) {
      checkOpen();
      Path p = root;
      for (Path part : root.relativize(parent)) {
        p = p.resolve(part);
        if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectory(p);
          Files.setPosixFilePermissions(p, Modes.directory(0700, name));
        }
      }
    }
    Path real = parent.toRealPath();
    if (!real.startsWith(realRoot)) {
      throw UnsafeEntry.of(name, "it would be written through a link to " + real);
    }
    return real;
  }

  private void file(TarArchiveEntry e, String name, Path target, InputStream data)
      throws IOException {
    long size = e.isSparse() ? e.getRealSize() : e.getSize();
    long usable = free.usable(root);
    if (size > usable) {
      throw UnsafeEntry.of(
          name,
          (e.isSparse() ? "a sparse file of " : "a file of ")
              + Bytes.human(size)
              + ", more than the "
              + Bytes.human(usable)
              + " free in the work folder's filesystem (choose another with --work-dir)");
    }
    OutputStream out;
    synchronized (work.lock()) {
      checkOpen();
      Files.deleteIfExists(target); // a later entry of the same name replaces it, as tar does
      out =
          Files.newOutputStream(
              target,
              StandardOpenOption.CREATE_NEW,
              StandardOpenOption.WRITE,
              LinkOption.NOFOLLOW_LINKS);
    }
    try (out) {
      long left = size;
      for (int n; (n = data.read(buffer)) > 0; ) {
        left -= n;
        if (left < 0) {
          throw UnsafeEntry.of(name, "more data than its header's size");
        }
        synchronized (work.lock()) {
          checkOpen();
          writeOut(out, n, name);
        }
      }
    }
    Files.setPosixFilePermissions(target, Modes.file(e.getMode(), name));
    files.add(name);
  }

  private void writeOut(OutputStream out, int n, String name) {
    try {
      out.write(buffer, 0, n);
      written += n;
    } catch (IOException ex) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write " + name + " under the work folder " + work.path() + ": " + ex.getMessage(),
          "pass --work-dir DIR on a filesystem with enough free space (the whole snapshot is"
              + " extracted there), or set $"
              + Sources.WORK_DIR_ENV,
          ex);
    }
  }

  /**
   * Only links that point down into the archive: a relative target without {@code ..}. (A target
   * with {@code ..} can look inside yet escape through another link, so none is accepted.)
   */
  private void symlink(TarArchiveEntry e, String name, Path target, Path realParent)
      throws IOException {
    String to = e.getLinkName();
    Path resolved = realParent.resolve(to).normalize();
    if (to.startsWith("/") || !resolved.startsWith(realRoot)) {
      throw UnsafeEntry.of(name, "a symbolic link to '" + to + "', outside the archive");
    }
    for (String part : to.split("/")) {
      if (part.equals("..")) {
        throw UnsafeEntry.of(
            name,
            "a symbolic link to '"
                + to
                + "' that climbs with '..' (only links pointing down into the archive are"
                + " accepted)");
      }
    }
    synchronized (work.lock()) {
      checkOpen();
      Files.deleteIfExists(target);
      Files.createSymbolicLink(target, Path.of(to));
    }
  }

  /** A hard link must name a regular file this archive already wrote. */
  private void hardLink(TarArchiveEntry e, String name, Path target) throws IOException {
    String to = e.getLinkName();
    String normalized;
    try {
      normalized = EntryNames.normalize(to);
    } catch (RestoreException outside) {
      throw UnsafeEntry.of(name, "a hard link to '" + to + "', outside the archive");
    }
    if (!files.contains(normalized)) {
      throw UnsafeEntry.of(
          name, "a hard link to '" + to + "', which is not a file extracted from this archive");
    }
    synchronized (work.lock()) {
      checkOpen();
      Files.deleteIfExists(target);
      Files.createLink(target, root.resolve(normalized));
    }
    files.add(name);
  }

  private void checkOpen() {
    if (work.isClosed()) {
      throw new RestoreException(
          ExitCode.INTERRUPTED,
          "stopped while extracting; the work folder was removed",
          "run the command again when you are ready");
    }
  }
}
