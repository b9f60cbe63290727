package io.restore.session;

import com.sun.security.auth.module.UnixSystem;
import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where the per-user folder for session folders lives, and the checks that make it private. The
 * session folder holds the client certificate's private key, so the folder above it must be an
 * absolute path, a real directory (not a link), owned by this user and closed to everyone else
 * (0700): a folder another user created first in a shared temp folder could otherwise be read or
 * swapped by them.
 */
final class PrivateFolder {
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private PrivateFolder() {}

  /**
   * {@code $XDG_RUNTIME_DIR/restore} when that variable names an absolute directory (the XDG spec:
   * empty or relative values are ignored), else {@code $TMPDIR/restore-<user>} when TMPDIR names an
   * absolute directory, else {@code /tmp/restore-<user>}. Never relative: an empty variable must
   * not put the client key into the current directory.
   */
  static Path parentFor(Map<String, String> env) {
    Path runtime = absoluteDirectory(env.get("XDG_RUNTIME_DIR"));
    if (runtime != null) {
      return runtime.resolve("restore");
    }
    Path tmp = absoluteDirectory(env.get("TMPDIR"));
    return (tmp != null ? tmp : Path.of("/tmp")).resolve("restore-" + userName(env));
  }

  private static Path absoluteDirectory(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      Path p = Path.of(value);
      return p.isAbsolute() && Files.isDirectory(p) ? p.normalize() : null;
    } catch (RuntimeException e) {
      return null; // not a path on this system
    }
  }

  private static String userName(Map<String, String> env) {
    String name = env.getOrDefault("USER", System.getProperty("user.name", "user"));
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }

  /**
   * Creates {@code folder} (0700) if missing, then checks it is a directory of ours that nobody
   * else can enter; a folder of ours with looser permissions is tightened.
   *
   * @throws RestoreException {@link ExitCode#FAILURE} naming the folder, its owner or mode, and the
   *     way out
   */
  static void ensure(Path folder) throws IOException {
    if (!folder.isAbsolute()) {
      throw new IllegalArgumentException("not absolute: " + folder);
    }
    try {
      Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } catch (FileAlreadyExistsException e) {
      // checked below, whoever made it
    }
    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
      throw refused(folder, "it is not a directory (a file or a symbolic link)");
    }
    int owner = (Integer) Files.getAttribute(folder, "unix:uid", LinkOption.NOFOLLOW_LINKS);
    long me = new UnixSystem().getUid();
    if (owner != me) {
      throw refused(folder, "it belongs to user id " + owner + ", not to you (" + me + ")");
    }
    Set<PosixFilePermission> mode =
        Files.getPosixFilePermissions(folder, LinkOption.NOFOLLOW_LINKS);
    if (!mode.equals(OWNER_ONLY)) {
      Files.setPosixFilePermissions(folder, OWNER_ONLY);
    }
  }

  private static RestoreException refused(Path folder, String why) {
    return new RestoreException(
        ExitCode.FAILURE,
        "refusing to keep the session's client key in " + folder + ": " + why,
        "remove or rename "
            + folder
            + " if it is not yours, or set XDG_RUNTIME_DIR (or TMPDIR) to a folder only you can"
            + " write to");
  }
}
