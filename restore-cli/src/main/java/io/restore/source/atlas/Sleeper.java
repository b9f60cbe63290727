package io.restore.source.atlas;

import java.time.Duration;

/** Waits between polls and after a 429; tests pass one that records instead of waiting. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  static Sleeper system() {
    return d -> Thread.sleep(Math.max(0, d.toMillis()));
  }
}
