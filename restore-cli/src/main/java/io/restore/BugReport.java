package io.restore;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;

/**
 * What an internal error (a bug, exit 70) leaves for the bug report. The terminal gets a generic
 * line and the path of an owner-only file; the file gets the stack trace with every exception
 * message scrubbed of known credentials ({@link Secrets}) and capped, because an exception from a
 * library may quote a value it was handed.
 */
public final class BugReport {
  private BugReport() {}

  /** The report's text: exception classes, scrubbed and capped messages, and stack frames. */
  public static String text(Throwable t) {
    StringWriter w = new StringWriter();
    PrintWriter p = new PrintWriter(w);
    p.println("restore internal error at " + Instant.now());
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    String prefix = "";
    for (Throwable c = t; c != null && seen.add(c); c = c.getCause()) {
      p.println(prefix + c.getClass().getName() + ": " + scrubbed(c.getMessage()));
      for (StackTraceElement e : c.getStackTrace()) {
        p.println("\tat " + e);
      }
      for (Throwable s : c.getSuppressed()) {
        p.println("\tsuppressed: " + s.getClass().getName() + ": " + scrubbed(s.getMessage()));
      }
      prefix = "caused by: ";
    }
    p.flush();
    return w.toString();
  }

  private static String scrubbed(String message) {
    return message == null ? "" : UserText.cap(Secrets.scrub(message));
  }

  /**
   * Writes the report to an owner-only file in the temp folder; returns it, or null when it could
   * not be written.
   */
  public static Path write(Throwable t) {
    try {
      Path dir = Path.of(System.getProperty("java.io.tmpdir"));
      Path f =
          dir.getFileSystem().supportedFileAttributeViews().contains("posix")
              ? Files.createTempFile(
                  dir,
                  "restore-bug-",
                  ".txt",
                  PosixFilePermissions.asFileAttribute(
                      PosixFilePermissions.fromString("rw-------")))
              : Files.createTempFile(dir, "restore-bug-", ".txt");
      Files.writeString(f, text(t), StandardCharsets.UTF_8);
      return f.toAbsolutePath();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
