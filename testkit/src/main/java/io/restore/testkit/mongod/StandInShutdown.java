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
  private final StandInHost host;
  private final CountDownLatch stop = new CountDownLatch(1);
  private final AtomicReference<String> stopReason = new AtomicReference<>();
  private volatile boolean handlersInstalled;
  private volatile boolean ignoreSigterm;

  StandInShutdown(StandInLog log, StandInHost host) {
    this.log = log;
    this.host = host;
  }

  /**
   * From here on SIGTERM and SIGINT request a stop (SIGTERM is only logged with the fault switch).
   * In a test JVM the JVM's handlers stay the test's; {@link MongodStandIn#signal} delivers them.
   */
  void installSignalHandlers(boolean ignoreSigterm) {
    this.ignoreSigterm = ignoreSigterm;
    handlersInstalled = true;
    if (!host.ownsJvm()) {
      return;
    }
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("TERM"), s -> onSignal(15, "Terminated", ignoreSigterm));
      sun.misc.Signal.handle(new sun.misc.Signal("INT"), s -> onSignal(2, "Interrupt", false));
    } catch (IllegalArgumentException e) {
      // signal not available on this platform: the JVM's default handling remains
    }
  }

  boolean handlersInstalled() {
    return handlersInstalled;
  }

  /** A signal delivered in-JVM, honouring the STANDIN_IGNORE_SIGTERM switch as the handler does. */
  void onSignal(int number, String name) {
    onSignal(number, name, number == 15 && ignoreSigterm);
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

  /** The {@code shutdown} command; with STANDIN_IGNORE_SHUTDOWN_COMMAND only logged. */
  void onShutdownCommand(boolean ignore) {
    if (ignore) {
      log.info(
          "COMMAND",
          20541,
          "conn",
          "Terminating via shutdown command",
          attr("force", false, "note", "STANDIN_IGNORE_SHUTDOWN_COMMAND: not stopping"));
      return;
    }
    requestStop("shutdown command");
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

  /** Logs mongod's fatal assertion and halts like a crash: no cleanup, lock file kept. */
  void crash() {
    log.fatal(
        "CONTROL",
        23089,
        "standin-crash",
        "Fatal assertion",
        attr("msgid", 0, "note", "STANDIN_CRASH_AFTER_SECONDS"));
    host.halt(MongodStandIn.EXIT_ABRUPT);
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
              crash();
            },
            "standin-crash");
    t.setDaemon(true);
    t.start();
  }
}
