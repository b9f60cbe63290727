package io.restore.output;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What one output stream is connected to. Decided per stream (stderr for status and progress,
 * stdout for an archive): {@code System.console()} answers for stdin and stdout together, so {@code
 * 2>log} on a terminal would otherwise fill the log with cursor movements.
 *
 * @param tty connected to a terminal (even a dumb one)
 * @param interactive a terminal that understands cursor movement: lines may be redrawn in place
 * @param color colour is welcome ({@code NO_COLOR} unset, not {@code TERM=dumb})
 * @param width columns, so a redrawn line never wraps
 */
public record Terminal(boolean tty, boolean interactive, boolean color, int width) {
  /** A file, a pipe, a test's buffer: plain lines, each with a timestamp. */
  public static final Terminal NONE = new Terminal(false, false, false, 80);

  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  /** Detects what file descriptor {@code fd} (1 or 2) of this process is connected to. */
  public static Terminal detect(int fd, Map<String, String> env) {
    if (!isatty(fd)) {
      return NONE;
    }
    String term = env.getOrDefault("TERM", "");
    boolean dumb = term.isEmpty() || term.equals("dumb");
    boolean color = !dumb && !env.containsKey("NO_COLOR");
    return new Terminal(true, !dumb, color, dumb ? 80 : width(env));
  }

  /**
   * Whether {@code fd} is a terminal. On Linux {@code /proc/self/fd/N} names the device; elsewhere
   * {@code test -t N} runs with that descriptor inherited (one short fork, once per run).
   */
  public static boolean isatty(int fd) {
    Path link = Path.of("/proc/self/fd/" + fd);
    try {
      String target = Files.readSymbolicLink(link).toString();
      return target.startsWith("/dev/pts/")
          || target.startsWith("/dev/tty")
          || target.startsWith("/dev/console");
    } catch (IOException | UnsupportedOperationException e) {
      return testT(fd);
    }
  }

  private static boolean testT(int fd) {
    ProcessBuilder pb = new ProcessBuilder("test", "-t", Integer.toString(fd));
    if (fd == STDOUT) {
      pb.redirectOutput(ProcessBuilder.Redirect.INHERIT);
    } else if (fd == STDERR) {
      pb.redirectError(ProcessBuilder.Redirect.INHERIT);
    } else {
      return false;
    }
    try {
      Process p = pb.start();
      return p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** $COLUMNS, else what {@code stty} says about the controlling terminal, else 80. */
  private static int width(Map<String, String> env) {
    Integer cols = parse(env.get("COLUMNS"));
    if (cols != null) {
      return cols;
    }
    try {
      Process p =
          new ProcessBuilder("stty", "size")
              .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/tty")))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (p.waitFor(2, TimeUnit.SECONDS) && p.exitValue() == 0) {
        String[] parts = new String(p.getInputStream().readAllBytes()).trim().split("\\s+");
        if (parts.length == 2) {
          Integer w = parse(parts[1]);
          if (w != null) {
            return w;
          }
        }
      }
    } catch (IOException e) {
      // no controlling terminal: the default below
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 80;
  }

  private static Integer parse(String s) {
    if (s == null) {
      return null;
    }
    try {
      int n = Integer.parseInt(s.trim());
      return n >= 20 ? n : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
