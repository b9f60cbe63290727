package io.restore.process;

import java.io.IOException;

/**
 * The one seam through which restore starts child processes (docs/design/wiring.md). Two shapes,
 * because children are of two kinds:
 *
 * <ul>
 *   <li>{@link #start}: a child restore supervises itself and therefore needs its {@link Process} —
 *       pid for the session record and the watchdog, signals for the shutdown ladder, stdin for the
 *       watchdog's pipe, an inherited terminal for {@code --exec}. Plain {@link ProcessBuilder}.
 *   <li>{@link #run}: a child that is run to its end — the version probe, mongodump. Commons Exec,
 *       with its {@code ExecuteWatchdog} (timeout, cancellation) and a process destroyer that ends
 *       the child if restore itself exits first.
 * </ul>
 *
 * Production code uses {@link #system()}; tests substitute a launcher that runs the testkit's
 * mongod stand-in inside the test JVM and hands everything else to the system launcher.
 */
public interface Launcher {
  /**
   * Starts {@code command} as given (command, environment, directory, redirects).
   *
   * @throws IOException when it cannot be started (not found, not executable)
   */
  Process start(ProcessBuilder command) throws IOException;

  /**
   * Runs a child to its end and returns how it ended.
   *
   * @throws IOException when it cannot be started
   */
  Completed run(RunSpec spec) throws IOException;

  /** Real child processes. */
  static Launcher system() {
    return SystemLauncher.INSTANCE;
  }
}
