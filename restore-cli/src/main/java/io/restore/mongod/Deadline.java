package io.restore.mongod;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * One time budget shared by every step of a wait (docs/design/style.md 3.3): each check asks how
 * much is left instead of owning a timeout of its own.
 */
public final class Deadline {
  private final LongSupplier nanoClock;
  private final long endNanos;
  private final Duration budget;

  private Deadline(LongSupplier nanoClock, Duration budget) {
    this.nanoClock = nanoClock;
    this.budget = budget;
    this.endNanos = nanoClock.getAsLong() + budget.toNanos();
  }

  public static Deadline after(Duration budget) {
    return after(budget, System::nanoTime);
  }

  /** For tests that drive time by hand. */
  public static Deadline after(Duration budget, LongSupplier nanoClock) {
    if (budget.isNegative()) {
      throw new IllegalArgumentException("negative budget " + budget);
    }
    return new Deadline(nanoClock, budget);
  }

  /** The whole budget this deadline was created with, for messages ("not ready after 10m"). */
  public Duration budget() {
    return budget;
  }

  public Duration remaining() {
    long left = endNanos - nanoClock.getAsLong();
    return left <= 0 ? Duration.ZERO : Duration.ofNanos(left);
  }

  public boolean isExpired() {
    return endNanos - nanoClock.getAsLong() <= 0;
  }

  /** The remaining time, but at most {@code cap}: for one attempt inside a longer wait. */
  public Duration remainingAtMost(Duration cap) {
    Duration left = remaining();
    return left.compareTo(cap) < 0 ? left : cap;
  }

  /** Milliseconds left, at least 1 while not expired (for APIs where 0 means "forever"). */
  public long remainingMillis() {
    long nanos = remaining().toNanos();
    return nanos <= 0 ? 0 : Math.max(1, nanos / 1_000_000);
  }

  @Override
  public String toString() {
    return "Deadline[" + remaining() + " of " + budget + " left]";
  }
}
