package io.restore.dump;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * A temporary file for a secret (mongodump's config holds the URI with its password): 0600 from its
 * creation on POSIX file systems; elsewhere (Windows) created plainly, then restricted to its owner
 * as far as java.io.File can, because a POSIX attribute there throws and would break the run
 * (docs/platforms.md).
 */
final class SecretTempFile {
  private SecretTempFile() {}

  static Path create(String prefix, String suffix) throws IOException {
    Set<String> views = FileSystems.getDefault().supportedFileAttributeViews();
    Path file = Files.createTempFile(prefix, suffix, attributes(views));
    if (!views.contains("posix")) {
      java.io.File f = file.toFile();
      f.setReadable(false, false);
      f.setWritable(false, false);
      f.setReadable(true, true);
      f.setWritable(true, true);
    }
    return file;
  }

  /** The creation attributes for a file system with these attribute views. */
  static FileAttribute<?>[] attributes(Set<String> views) {
    return views.contains("posix")
        ? new FileAttribute<?>[] {
          PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))
        }
        : new FileAttribute<?>[0];
  }
}
