package io.restore.dump;

import java.util.ArrayList;
import java.util.List;

/**
 * Stops a running dump at once, from any thread (a signal handler's, or the one that sees mongod
 * exit): each part of the dump registers what ends it — close the MongoClient (readers blocked in a
 * cursor fail now instead of waiting out the driver's 30 s server selection), stop the reader pool,
 * end an external mongodump. The dump then fails as usual and its partial output is removed.
 */
final class DumpCancellation {
  private final List<Runnable> actions = new ArrayList<>();
  private boolean cancelled;

  /** Runs {@code action} on {@link #cancel()}, or now when the dump was already cancelled. */
  void onCancel(Runnable action) {
    synchronized (this) {
      if (!cancelled) {
        actions.add(action);
        return;
      }
    }
    action.run();
  }

  /** Idempotent; the actions run on the caller's thread, outside the lock. */
  void cancel() {
    List<Runnable> run;
    synchronized (this) {
      if (cancelled) {
        return;
      }
      cancelled = true;
      run = List.copyOf(actions);
      actions.clear();
    }
    for (Runnable a : run) {
      try {
        a.run();
      } catch (RuntimeException e) {
        // the next action must still run; the dump reports its own failure
      }
    }
  }

  synchronized boolean isCancelled() {
    return cancelled;
  }
}
