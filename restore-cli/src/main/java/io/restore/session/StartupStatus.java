package io.restore.session;

import io.restore.mongod.LogLine;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.bson.BsonValue;

/**
 * While mongod starts (up to --startup-timeout, 10 minutes by default): how long it has been and
 * what mongod's log last said it is doing (recovery, checkpoint, ...). On a terminal one line,
 * replaced in place every second; elsewhere one status line every {@link #PLAIN_EVERY}.
 */
final class StartupStatus implements AutoCloseable {
  static final Duration PLAIN_EVERY = Duration.ofSeconds(10);
  private static final int MAX_ACTIVITY = 70;

  private final SessionOutput output;
  private final boolean live;
  private final long startNanos = System.nanoTime();
  private final ScheduledExecutorService ticker;
  private final String name;
  private volatile String activity = "starting";

  StartupStatus(SessionOutput output) {
    this(output, "mongod");
  }

  /**
   * @param name how the lines call this mongod ("mongod", or "mongod for shard-a" in a cluster)
   */
  StartupStatus(SessionOutput output, String name) {
    this.output = output;
    this.name = name;
    this.live = output.console().interactive();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mongod-startup-status");
              t.setDaemon(true);
              return t;
            });
    long period = live ? 1000 : PLAIN_EVERY.toMillis();
    ticker.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
  }

  /** A line of mongod's log: remembered as what it is doing now. */
  void saw(LogLine line) {
    describe(line).ifPresent(a -> activity = a);
  }

  private void tick() {
    long seconds = (System.nanoTime() - startNanos) / 1_000_000_000L;
    String text = name + " starting (" + seconds + " s): " + activity;
    if (live) {
      output.live(text);
    } else {
      output.status(text);
    }
  }

  /** What a log line says mongod is doing, if it says anything useful. */
  static java.util.Optional<String> describe(LogLine line) {
    if (!line.json() || line.message() == null || line.message().isBlank()) {
      return java.util.Optional.empty();
    }
    String text = line.message();
    // WiredTiger's own progress ("Recovering log 3 through 5", checkpoints) is in attr.message.
    BsonValue nested = line.attr().get("message");
    if (nested != null && nested.isString()) {
      text = nested.asString().getValue();
    } else if (nested != null && nested.isDocument() && nested.asDocument().isString("msg")) {
      text = nested.asDocument().getString("msg").getValue();
    }
    String lower = text.toLowerCase(Locale.ROOT);
    String what =
        lower.contains("recover")
            ? "recovery: "
            : lower.contains("checkpoint") ? "checkpoint: " : "";
    String shown = what + text.strip();
    return java.util.Optional.of(
        shown.length() > MAX_ACTIVITY ? shown.substring(0, MAX_ACTIVITY - 3) + "..." : shown);
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    if (live) {
      output.live("");
    }
  }
}
