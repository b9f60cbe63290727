package io.restore.mongod;

/**
 * One step of "is mongod ready?" (docs/design/style.md 3.1). Returns when satisfied, throws
 * otherwise.
 */
@FunctionalInterface
public interface ReadinessCheck {
  /**
   * @throws MongodStartException when mongod exited, logged a fatal line, or the deadline passed
   */
  void await(ReadinessTarget target, Deadline deadline) throws InterruptedException;
}
