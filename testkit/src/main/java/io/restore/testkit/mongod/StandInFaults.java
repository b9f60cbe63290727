package io.restore.testkit.mongod;

import java.util.Map;

/**
 * Fault switches for tests, read from the environment (documented in testkit/README.md).
 *
 * @param startupDelayMs {@code STANDIN_STARTUP_DELAY_MS}: wait this long before opening the port
 * @param crashAfterSeconds {@code STANDIN_CRASH_AFTER_SECONDS}: once ready, die with exit 14 after
 *     this many seconds (no clean shutdown; mongod.lock keeps the pid)
 * @param ignoreSigterm {@code STANDIN_IGNORE_SIGTERM=1}: log SIGTERM and carry on
 * @param ignoreShutdownCommand {@code STANDIN_IGNORE_SHUTDOWN_COMMAND=1}: accept the {@code
 *     shutdown} command (the connection closes, as mongod's does) but carry on: a mongod stuck in
 *     its shutdown, so that only the next rung of the ladder ends it
 * @param exitOnStart {@code STANDIN_EXIT_ON_START=48|62|100|N}: log what mongod logs for that code
 *     and exit with it before opening the port
 * @param findDelayMs {@code STANDIN_FIND_DELAY_MS}: answer each find and getMore this much later (a
 *     slow disk or a large collection: keeps a dump running long enough to interrupt it)
 */
record StandInFaults(
    long startupDelayMs,
    double crashAfterSeconds,
    boolean ignoreSigterm,
    boolean ignoreShutdownCommand,
    int exitOnStart,
    long findDelayMs) {

  static StandInFaults from(Map<String, String> env) {
    return new StandInFaults(
        Long.parseLong(env.getOrDefault("STANDIN_STARTUP_DELAY_MS", "0")),
        Double.parseDouble(env.getOrDefault("STANDIN_CRASH_AFTER_SECONDS", "-1")),
        "1".equals(env.get("STANDIN_IGNORE_SIGTERM")),
        "1".equals(env.get("STANDIN_IGNORE_SHUTDOWN_COMMAND")),
        Integer.parseInt(env.getOrDefault("STANDIN_EXIT_ON_START", "-1")),
        Long.parseLong(env.getOrDefault("STANDIN_FIND_DELAY_MS", "0")));
  }
}
