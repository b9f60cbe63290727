package io.restore.snapshot;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** Owner-only checks for files that hold secrets; a no-op on file systems without POSIX modes. */
public final class FilePermissions {
  private FilePermissions() {}

  /** Whether group or others may read the file (false when unknown). */
  public static boolean groupOrOtherReadable(Path file) {
    if (Files.getFileAttributeView(file, PosixFileAttributeView.class) == null) {
      return false;
    }
    try {
      Set<PosixFilePermission> p = Files.getPosixFilePermissions(file);
      return p.contains(PosixFilePermission.GROUP_READ)
          || p.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException | UnsupportedOperationException e) {
      return false;
    }
  }

  /** The warning {@code inspect} and the key sources print, naming the fix. */
  public static String warning(Path file) {
    return file + " is readable by group or others and holds secrets: run 'chmod 600 " + file + "'";
  }
}
