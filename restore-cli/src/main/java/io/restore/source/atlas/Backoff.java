package io.restore.source.atlas;

import java.time.Duration;

/**
 * Poll intervals for a restore job: {@code first}, then each 1.5 times the last, at most {@link
 * #MAX}, and never past the deadline. A download job takes minutes, so a slow start costs little
 * and a long job costs few calls.
 */
record Backoff(Duration first) {
  static final Duration MAX = Duration.ofSeconds(60);

  Duration next(Duration previous) {
    if (previous == null) {
      return first;
    }
    Duration n = Duration.ofMillis(previous.toMillis() * 3 / 2);
    return n.compareTo(MAX) > 0 ? MAX : n;
  }

  /** {@code wanted}, shortened so that the wait ends at {@code left} at the latest. */
  static Duration capped(Duration wanted, Duration left) {
    return left.compareTo(wanted) < 0 ? (left.isNegative() ? Duration.ZERO : left) : wanted;
  }
}
