package io.restore.mongod;

import java.time.Duration;

/**
 * How long each rung of the shutdown ladder may take (docs/design/reliability.md row 10: SIGKILL
 * only when everything else failed).
 *
 * @param commandTimeout for the {@code shutdown} admin command to be accepted
 * @param afterCommand how long mongod may take to exit after accepting it (checkpointing)
 * @param afterSigterm how long mongod may take to exit after SIGTERM
 * @param afterSigkill how long to wait for the kernel after SIGKILL
 * @param allowSigkill false for "stop" of someone else's leftover without --force
 */
public record ShutdownPolicy(
    Duration commandTimeout,
    Duration afterCommand,
    Duration afterSigterm,
    Duration afterSigkill,
    boolean allowSigkill) {

  public static ShutdownPolicy defaults() {
    return new ShutdownPolicy(
        Duration.ofSeconds(10),
        Duration.ofMinutes(2),
        Duration.ofMinutes(2),
        Duration.ofSeconds(10),
        true);
  }

  public ShutdownPolicy withAllowSigkill(boolean allow) {
    return new ShutdownPolicy(commandTimeout, afterCommand, afterSigterm, afterSigkill, allow);
  }
}
