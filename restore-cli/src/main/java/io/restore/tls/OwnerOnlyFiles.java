package io.restore.tls;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/** Creates files only their owner can read, with no moment in which anyone else could. */
final class OwnerOnlyFiles {
  static final Set<PosixFilePermission> OWNER_READ_WRITE =
      PosixFilePermissions.fromString("rw-------");
  static final Set<PosixFilePermission> OWNER_ALL = PosixFilePermissions.fromString("rwx------");

  private static final int WORLD_WRITABLE = 0002;
  private static final int STICKY = 01000;

  private OwnerOnlyFiles() {}

  /**
   * Makes sure {@code dir} exists (creating it, and missing parents, owner-only) and that nobody
   * but its owner can swap files in it: a world-writable directory without the sticky bit lets
   * anyone replace kmipCA.pem after we wrote it. Never changes an existing directory.
   */
  static void prepareDirectory(Path dir) {
    try {
      if (!Files.exists(dir)) {
        if (isPosix(dir.toAbsolutePath().getRoot())) {
          Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ALL));
        } else {
          Files.createDirectories(dir);
        }
      }
      if (!Files.isDirectory(dir)) {
        throw new RestoreException(
            ExitCode.FAILURE,
            "cannot write session certificates: " + dir + " is not a directory",
            "Give a directory (the dbpath or --cert-dir).");
      }
      Integer mode = unixMode(dir);
      if (mode != null && (mode & WORLD_WRITABLE) != 0 && (mode & STICKY) == 0) {
        throw new RestoreException(
            ExitCode.FAILURE,
            "refusing to write session certificates into "
                + dir
                + ": anyone can write to it (mode "
                + Integer.toOctalString(mode & 07777)
                + ") and could replace the CA file mongod trusts",
            "Use a directory only you can write to (--cert-dir), or remove world write access.");
      }
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot create the certificate directory " + dir + ": " + e.getMessage(),
          "Check that the path is writable, or choose another directory with --cert-dir.",
          e);
    }
  }

  /**
   * Writes {@code content} to a file that must not exist yet, readable and writable by its owner
   * only from the moment it is created.
   *
   * @return the file's identity, to delete exactly this file later
   */
  static Identity createNew(Path file, byte[] content) throws IOException {
    boolean posix = isPosix(file.toAbsolutePath().getParent());
    FileAttribute<?>[] attributes =
        posix
            ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_READ_WRITE)}
            : new FileAttribute<?>[0];
    // CREATE_NEW is O_CREAT|O_EXCL: it fails on any existing entry, a dangling symlink included.
    Set<OpenOption> options =
        Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
    try (FileChannel channel = FileChannel.open(file, options, attributes)) {
      ByteBuffer buffer = ByteBuffer.wrap(content);
      while (buffer.hasRemaining()) {
        channel.write(buffer);
      }
      channel.force(true);
    }
    if (posix) {
      // The umask can only have narrowed 0600; make it exactly 0600 (never wider).
      Files.setPosixFilePermissions(file, OWNER_READ_WRITE);
    } else {
      restrictToOwner(file);
    }
    return identity(file);
  }

  /**
   * What tells our file from one that replaced it: the inode alone is not enough (a file created
   * right after ours was deleted often gets the same inode), so modification time and size too.
   */
  record Identity(Object fileKey, FileTime modified, long size) {}

  static Identity identity(Path file) throws IOException {
    BasicFileAttributes attributes =
        Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    return new Identity(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
  }

  static void requireAbsent(Path file) throws FileAlreadyExistsException {
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      throw new FileAlreadyExistsException(file.toString());
    }
  }

  private static boolean isPosix(Path anyPathOnTheFileSystem) {
    return anyPathOnTheFileSystem != null
        && anyPathOnTheFileSystem.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static Integer unixMode(Path dir) {
    try {
      return (Integer) Files.getAttribute(dir, "unix:mode");
    } catch (UnsupportedOperationException | IllegalArgumentException | IOException e) {
      return null; // not a Unix file system: no mode bits to check
    }
  }

  /**
   * Best effort where POSIX permissions do not exist (Windows): the user's directory ACLs apply.
   */
  private static void restrictToOwner(Path file) {
    java.io.File f = file.toFile();
    f.setReadable(false, false);
    f.setWritable(false, false);
    f.setReadable(true, true);
    f.setWritable(true, true);
  }
}
