package io.restore.source;

import java.io.PrintWriter;
import java.io.Writer;

/**
 * The stderr of one of several sources opened at once (a sharded cluster's components): each whole
 * line goes out in one piece, its {@code restore: } followed by the source's label, so that lines
 * of concurrent downloads interleave but never mix and each says whose it is. A carriage return (a
 * terminal's rewritten line) is dropped: concurrent downloads report in plain lines.
 */
final class LabelledLines extends Writer {
  private static final String PREFIX = "restore: ";
  private final PrintWriter out;
  private final String label;
  private final StringBuilder line = new StringBuilder();

  LabelledLines(PrintWriter out, String label) {
    this.out = out;
    this.label = label;
  }

  @Override
  public void write(char[] c, int off, int len) {
    synchronized (line) {
      for (int i = off; i < off + len; i++) {
        if (c[i] == '\n') {
          emit();
        } else if (c[i] != '\r') {
          line.append(c[i]);
        }
      }
    }
  }

  private void emit() {
    String l = line.toString();
    line.setLength(0);
    String shown =
        l.startsWith(PREFIX)
            ? PREFIX + label + ": " + l.substring(PREFIX.length())
            : label + ": " + l;
    synchronized (out) {
      out.println(shown);
      out.flush();
    }
  }

  /** Only whole lines are written: a partial one waits for its end. */
  @Override
  public void flush() {}

  @Override
  public void close() {
    synchronized (line) {
      if (line.length() > 0) {
        emit();
      }
    }
  }
}
