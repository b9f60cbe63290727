package io.restore.session;

import java.io.PrintWriter;

/**
 * Where a session talks to its user: results (the URI) on stdout, so scripts can read them; status
 * lines on stderr, prefixed with {@code restore:}.
 */
public final class SessionOutput {
  private final PrintWriter out;
  private final PrintWriter err;

  public SessionOutput(PrintWriter out, PrintWriter err) {
    this.out = out;
    this.err = err;
  }

  public void result(String line) {
    out.println(line);
    out.flush();
  }

  public void status(String line) {
    err.println("restore: " + line);
    err.flush();
  }

  public void warning(String line) {
    err.println("restore: WARNING: " + line);
    err.flush();
  }
}
