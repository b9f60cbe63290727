package io.restore.mongod;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Readiness checks that read as sentences and share one {@link Deadline} (docs/design/style.md
 * 3.3).
 */
public final class Readiness {
  static final long POLL_MILLIS = 50;

  /** After a fatal line mongod exits at once; wait this long for its exit code for the message. */
  static final Duration FATAL_EXIT_GRACE = Duration.ofSeconds(1);

  private Readiness() {}

  /** mongod's usual readiness: "Waiting for connections" (with the port), then a ping. */
  public static ReadinessCheck standard() {
    return inOrder(logId(ExitExplanation.LOG_WAITING_FOR_CONNECTIONS), ping());
  }

  /** All checks, one after another, within the same deadline. */
  public static ReadinessCheck inOrder(ReadinessCheck... checks) {
    List<ReadinessCheck> all = List.of(checks);
    return (t, d) -> {
      for (ReadinessCheck c : all) {
        c.await(t, d);
      }
    };
  }

  /** Waits for a log line with this id; fails fast on a fatal line or the process exiting. */
  public static ReadinessCheck logId(int id) {
    String what = "log id " + id + (id == 23016 ? " (Waiting for connections)" : "");
    return (t, d) -> {
      Optional<LogLine> hit =
          t.log().await(id, d, () -> !t.isAlive() || t.log().firstFatal().isPresent(), POLL_MILLIS);
      if (hit.isEmpty()) {
        throw failure(t, d, what);
      }
    };
  }

  /**
   * A {@code ping} through the MongoDB Java driver on the port announced in log id 23016, retried
   * until it answers. The driver opens with the legacy {@code isMaster} handshake, so servers
   * without {@code hello} (mongod before 4.4.2, mongo-java-server) answer too.
   */
  public static ReadinessCheck ping() {
    return (t, d) -> {
      int port = announcedPort(t.log());
      String what = "an answer to ping on " + t.connectHost() + ":" + port;
      RuntimeException last = null;
      while (true) {
        if (!t.isAlive() || t.log().firstFatal().isPresent() || d.isExpired()) {
          throw failure(
              t, d, what + (last == null ? "" : " (last error: " + last.getMessage() + ")"));
        }
        try {
          MongodClient.ping(t.connectHost(), port, d.remainingAtMost(Duration.ofSeconds(2)));
          return;
        } catch (RuntimeException e) {
          last = e;
        }
        synchronized (t) {
          t.wait(Math.max(1, Math.min(POLL_MILLIS * 2, d.remainingMillis())));
        }
      }
    };
  }

  /** The port from "Waiting for connections" (mongod log id 23016, attr.port). */
  static int announcedPort(MongodLog log) {
    return log.first(ExitExplanation.LOG_WAITING_FOR_CONNECTIONS)
        .flatMap(l -> box(l.intAttr("port")))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "no port yet: put Readiness.logId(23016) before checks that need the port"));
  }

  private static Optional<Integer> box(OptionalInt i) {
    return i.isPresent() ? Optional.of(i.getAsInt()) : Optional.empty();
  }

  /** The reason a wait ended early or late, as one exception with the log tail. */
  static MongodStartException failure(ReadinessTarget t, Deadline d, String what)
      throws InterruptedException {
    if (t.isAlive() && t.log().firstFatal().isPresent()) {
      Deadline grace = Deadline.after(FATAL_EXIT_GRACE);
      while (t.exitCode().isEmpty() && !grace.isExpired()) {
        synchronized (t) {
          t.wait(Math.max(1, Math.min(POLL_MILLIS, grace.remainingMillis())));
        }
      }
    }
    OptionalInt exit = t.exitCode();
    if (!t.isAlive() && exit.isEmpty()) {
      // exited, output still draining: give the pump a moment so the tail is complete
      Deadline grace = Deadline.after(Duration.ofSeconds(2));
      while (t.exitCode().isEmpty() && !grace.isExpired()) {
        synchronized (t) {
          t.wait(Math.max(1, Math.min(POLL_MILLIS, grace.remainingMillis())));
        }
      }
      exit = t.exitCode();
    }
    if (exit.isPresent() || t.log().firstFatal().isPresent()) {
      return MongodStartException.failed(what, exit, t.log());
    }
    return MongodStartException.timedOut(what, d, t.log());
  }
}
