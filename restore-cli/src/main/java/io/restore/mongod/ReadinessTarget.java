package io.restore.mongod;

import java.util.OptionalInt;

/**
 * What readiness checks may see of a starting mongod (docs/design/style.md 3.1): no Process, no
 * streams.
 */
public interface ReadinessTarget {
  boolean isAlive();

  /** Present once the process has exited and its output is fully read. */
  OptionalInt exitCode();

  MongodLog log();

  /** Where a client on this machine reaches mongod (derived from --bind_ip). */
  String connectHost();
}
