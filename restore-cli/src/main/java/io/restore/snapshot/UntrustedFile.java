package io.restore.snapshot;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Arrays;

/**
 * Reads a file that a snapshot holds or names (metadata files, key files, encrypted keys), or that
 * a flag names for the same purpose. A downloaded snapshot is untrusted: a "file" may be a link to
 * {@code /dev/zero}, a FIFO that never ends, or a directory. So the type is checked after resolving
 * links and before the file is opened (a FIFO is never opened, so nothing blocks), and the content
 * is read through a hard cap counted while reading ({@code Files.size} says nothing about devices
 * or files that grow). Every refusal is exit 3 naming the file, the link it went through, and what
 * it is.
 *
 * <p>A race that swaps a checked regular file for a FIFO between the check and the open needs write
 * access to the snapshot folder while restore runs; the user owns that folder, so it is out of
 * scope (docs/metadata.md, "untrusted input").
 */
public final class UntrustedFile {
  /** Metadata files are a few KiB; anything much larger is not one. */
  public static final int METADATA_MAX = 1 << 20;

  /** Key files (a master key, a service-account key) are well under a few KiB. */
  public static final int KEY_MAX = 64 << 10;

  private UntrustedFile() {}

  /**
   * The file's bytes, at most {@code maxBytes}; the caller zeroes them when they hold a secret.
   *
   * @param what how the message names the file, e.g. "metadata file" or "key file (from
   *     --key-file)"
   */
  public static byte[] read(Path file, String what, int maxBytes) {
    return read(file, what, maxBytes, ExitCode.SNAPSHOT);
  }

  /**
   * As {@link #read(Path, String, int)}, with {@code missing} the exit code when the file does not
   * exist or cannot be read (a key file: {@link ExitCode#KMS}, as the key cannot be had); a file of
   * the wrong type or size is always {@link ExitCode#SNAPSHOT}.
   */
  public static byte[] read(Path file, String what, int maxBytes, ExitCode missing) {
    requireRegular(file, what, missing);
    byte[] buf = new byte[Math.min(maxBytes + 1, 8192)];
    int n = 0;
    try (InputStream in = Files.newInputStream(file)) {
      while (true) {
        if (n == buf.length) {
          if (n > maxBytes) {
            throw refuse(
                file, what, "is larger than " + size(maxBytes) + " (reading stopped there)");
          }
          byte[] bigger = Arrays.copyOf(buf, Math.min(maxBytes + 1, buf.length * 2));
          Arrays.fill(buf, (byte) 0);
          buf = bigger;
        }
        int r = in.read(buf, n, buf.length - n);
        if (r < 0) {
          break;
        }
        n += r;
      }
    } catch (IOException e) {
      Arrays.fill(buf, (byte) 0);
      throw cannotRead(file, what, e, missing);
    } catch (RestoreException e) {
      Arrays.fill(buf, (byte) 0);
      throw e;
    }
    byte[] out = Arrays.copyOf(buf, n);
    Arrays.fill(buf, (byte) 0);
    return out;
  }

  /**
   * Checks that {@code file} exists and is a regular file after resolving links (for {@code
   * inspect}, which reports without reading); exit 3 otherwise.
   */
  public static void requireRegular(Path file, String what, ExitCode missing) {
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (IOException e) {
      throw cannotRead(file, what, e, missing);
    }
    if (!a.isRegularFile()) {
      throw refuse(file, what, "is " + kind(file, a) + ", not a regular file");
    }
    if (!Files.isReadable(file)) {
      throw new RestoreException(
          missing,
          describe(file, what) + " is not readable by this user (permission denied)",
          "run as the file's owner, or fix its permissions (ls -l "
              + UserText.cap(file.toString())
              + ")");
    }
  }

  /**
   * A path string from a snapshot's metadata (or a flag): refused when the file system cannot name
   * it (a NUL character, an unpaired surrogate) instead of failing later as a bug.
   *
   * @param what e.g. "field keyFile of <file>"
   */
  public static Path path(String value, String what) {
    if (value.length() > 4096) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          what + " is " + value.length() + " characters long, longer than any path",
          "put the path of the file in it (docs/metadata.md)");
    }
    for (int i = 0; i < value.length(); i++) {
      if (Character.isISOControl(value.charAt(i))) {
        throw new RestoreException(
            ExitCode.SNAPSHOT,
            what
                + " is not a usable path: it contains a control character (code "
                + (int) value.charAt(i)
                + ")",
            "put the path of the file in it (docs/metadata.md)");
      }
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          what + " is not a usable path (" + UserText.cap(e.getReason()) + ")",
          "put the path of the file in it (docs/metadata.md)");
    }
  }

  /** What a non-regular file is: a directory, a FIFO, a device... */
  static String kind(Path file, BasicFileAttributes a) {
    if (a.isDirectory()) {
      return "a directory";
    }
    // The POSIX file type is only in the "unix" view (Linux, macOS); elsewhere say "special".
    try {
      Object mode = Files.getAttribute(file, "unix:mode");
      if (mode instanceof Integer m) {
        switch (m & 0170000) {
          case 0010000:
            return "a FIFO (named pipe)";
          case 0020000:
            return "a character device";
          case 0060000:
            return "a block device";
          case 0140000:
            return "a socket";
          default:
            break;
        }
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // fall through: the generic description below is still right
    }
    return "a special file (device, FIFO or socket)";
  }

  /** "file F" or "file F (a link to T)": which link pointed where. */
  static String describe(Path file, String what) {
    String s = what + " " + UserText.cap(file.toString());
    if (!Files.isSymbolicLink(file)) {
      return s;
    }
    String target;
    try {
      target = file.toRealPath().toString();
    } catch (IOException e) {
      try {
        target = Files.readSymbolicLink(file) + ", which does not exist";
      } catch (IOException e2) {
        target = "an unreadable target";
      }
    }
    return s + " (a link to " + UserText.cap(target) + ")";
  }

  private static RestoreException refuse(Path file, String what, String problem) {
    return new RestoreException(
        ExitCode.SNAPSHOT,
        describe(file, what) + " " + problem,
        "restore reads only regular files: replace it with the real file (or fix the link),"
            + " e.g. extract the snapshot archive again");
  }

  /** An I/O error in words, without the Java exception's name (it means nothing to a user). */
  public static String reason(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof NotDirectoryException) {
      return "not a directory";
    }
    if (e instanceof FileSystemException f && f.getReason() != null) {
      return UserText.cap(f.getReason());
    }
    return "I/O error";
  }

  static RestoreException cannotRead(Path file, String what, IOException e, ExitCode code) {
    String why =
        e instanceof NoSuchFileException
            ? "does not exist (no such file)"
            : "cannot be read (" + reason(e) + ")";
    return new RestoreException(
        code,
        describe(file, what) + " " + why,
        "check the path and that the file is readable by this user (ls -l "
            + UserText.cap(file.toString())
            + ")",
        e);
  }

  private static String size(int bytes) {
    return bytes % (1 << 20) == 0 ? (bytes >> 20) + " MiB" : (bytes >> 10) + " KiB";
  }
}
