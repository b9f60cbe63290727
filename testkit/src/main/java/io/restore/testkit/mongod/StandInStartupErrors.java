package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.StandInLog.attr;

import java.nio.file.Path;

/**
 * The log lines and exit codes of a failed mongod startup (docs/design/atlas-snapshot.md), real or
 * injected by the STANDIN_EXIT_ON_START fault. Each method logs and returns the exit code.
 */
final class StandInStartupErrors {
  private final StandInLog log;

  StandInStartupErrors(StandInLog log) {
    this.log = log;
  }

  /** Fault STANDIN_EXIT_ON_START: logs what mongod logs before exiting with {@code code}. */
  int injectedExit(int code, Path dbpath) {
    switch (code) {
      case MongodStandIn.EXIT_PORT_IN_USE -> listenerFailed("Address already in use");
      case MongodStandIn.EXIT_VERSION ->
          log.fatal(
              "CONTROL",
              20573,
              "initandlisten",
              "Wrong mongod version",
              attr(
                  "error",
                  "UPGRADE PROBLEM: Found an invalid featureCompatibilityVersion document (the data"
                      + " files need a different major version of mongod)"));
      case MongodStandIn.EXIT_UNCAUGHT ->
          dbException(
              "DBPathInUse: Unable to lock the lock file: " + dbpath.resolve("mongod.lock"));
      default ->
          log.fatal("ASSERT", 23091, "initandlisten", "Fatal assertion", attr("msgid", code));
    }
    return code;
  }

  int missingDbPath(Path dbpath) {
    dbException("NonExistentPath: Data directory " + dbpath + " not found.");
    return MongodStandIn.EXIT_UNCAUGHT;
  }

  int lockFailed(Path dbpath, String why) {
    dbException(
        "DBPathInUse: Unable to lock the lock file: "
            + dbpath.resolve("mongod.lock")
            + " ("
            + why
            + "). Another mongod instance is already running on the "
            + dbpath
            + " directory");
    return MongodStandIn.EXIT_UNCAUGHT;
  }

  int lockReleaseFailed(String why) {
    log.error("STORAGE", 22347, "initandlisten", "Failed to release the lock", attr("error", why));
    return MongodStandIn.EXIT_ABRUPT;
  }

  /** mongod log id 22856: the listening socket could not be bound. */
  int portInUse(String errmsg) {
    listenerFailed(errmsg);
    return MongodStandIn.EXIT_PORT_IN_USE;
  }

  /** A fatal storage error (encryption, key retrieval): exit 14. */
  int fatal(int id, String msg, String error) {
    log.fatal("STORAGE", id, "initandlisten", msg, attr("error", error));
    return MongodStandIn.EXIT_ABRUPT;
  }

  private void listenerFailed(String errmsg) {
    log.error(
        "NETWORK",
        22856,
        "listener",
        "Error setting up listener",
        attr("error", attr("code", 9001, "codeName", "SocketException", "errmsg", errmsg)));
  }

  // mongod log id 20557
  private void dbException(String error) {
    log.fatal(
        "STORAGE",
        20557,
        "initandlisten",
        "DBException in initAndListen, terminating",
        attr("error", error));
  }
}
