package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.StandInLog.attr;

import de.bwaldvogel.mongo.MongoServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * How the stand-in stops: SIGTERM/SIGINT and the shutdown command request a stop, the startup
 * sequence waits for it and logs mongod's shutdown lines; the crash fault halts without cleanup.
 */
final class StandInShutdown {
  private final StandInLog log;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicReference<String> stopReason = new AtomicReference<>();

  StandInShutdown(StandInLog log) {
    this.log = log;
  }

  void installSignalHandlers(boolean ignoreSigterm) {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("TERM"), s -> onSignal(15, "Terminated", ignoreSigterm));
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> onSignal(2, "Interrupt", false));
    } catch (IllegalArgumentException e) {
      // signal not available on this platform: the JVM's default handling remains
    }
  }

  private void onSignal(int number, String name, boolean ignore) {
    log.info(
        "CONTROL",
        23377,
        "SignalHandler",
        "Received signal",
        attr("signal", number, "error", name));
    if (ignore) {
      return; // fault switch STANDIN_IGNORE_SIGTERM
    }
    log.info("CONTROL", 23381, "SignalHandler", "will terminate after current cmd ends", attr());
    requestStop("signal " + number);
  }

  /** Asks the stand-in to stop; only the first request counts. */
  void requestStop(String reason) {
    if (stopReason.compareAndSet(null, reason)) {
      if (reason.startsWith("shutdown")) {
        log.info(
            "COMMAND", 20541, "conn", "Terminating via shutdown command", attr("force", false));
      }
      stop.countDown();
    }
  }

  /** Waits up to {@code millis} for a stop request; true when one came (or on interrupt). */
  boolean awaitStop(long millis) {
    try {
      return stop.await(millis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return true;
    }
  }

  /** Stops the server (if it was listening) with mongod's shutdown log lines; exit code 0. */
  int shutDown(MongoServer server) {
    log.info(
        "CONTROL",
        4784900,
        "initandlisten",
        "Stepping down the ReplicationCoordinator for shutdown",
        attr());
    if (server != null) {
      server.shutdownNow();
      log.info(
          "NETWORK",
          4784923,
          "initandlisten",
          "Shutting down the ASIO transport SessionManager",
          attr());
    }
    log.info("STORAGE", 4784929, "initandlisten", "Acquiring the global lock for shutdown", attr());
    log.info(
        "CONTROL",
        23138,
        "initandlisten",
        "Shutting down",
        attr("exitCode", MongodStandIn.EXIT_CLEAN));
    return MongodStandIn.EXIT_CLEAN;
  }

  /** Fault STANDIN_CRASH_AFTER_SECONDS: halts the JVM like a crash after {@code seconds}. */
  void scheduleCrash(double seconds) {
    Thread t =
        new Thread(
            () -> {
              try {
                Thread.sleep((long) (seconds * 1000));
              } catch (InterruptedException e) {
                return;
              }
              log.fatal(
                  "CONTROL",
                  23089,
                  "standin-crash",
                  "Fatal assertion",
                  attr("msgid", 0, "note", "STANDIN_CRASH_AFTER_SECONDS"));
              // like a crash: no cleanup, lock file kept
              Runtime.getRuntime().halt(MongodStandIn.EXIT_ABRUPT);
            },
            "standin-crash");
    t.setDaemon(true);
    t.start();
  }
}
