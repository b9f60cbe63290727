package io.restore.process;

import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A child to run to its end ({@link Launcher#run}).
 *
 * @param command the executable and its arguments, passed verbatim (no quoting, no substitution)
 * @param environment the child's whole environment
 * @param out where its stdout goes (copied as it comes)
 * @param err where its stderr goes
 * @param timeout empty = no limit; else the child is destroyed when it runs longer
 * @param onCancel receives the action that destroys the child at once (e.g. on Ctrl-C); the action
 *     does nothing once the child has ended
 */
public record RunSpec(
    List<String> command,
    Map<String, String> environment,
    OutputStream out,
    OutputStream err,
    Optional<Duration> timeout,
    Consumer<Runnable> onCancel) {
  public RunSpec {
    command = List.copyOf(command);
    environment = Map.copyOf(environment);
    Objects.requireNonNull(out, "out");
    Objects.requireNonNull(err, "err");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(onCancel, "onCancel");
    if (command.isEmpty()) {
      throw new IllegalArgumentException("empty command");
    }
  }

  /** Both outputs into one stream, with a time limit, not cancellable from outside. */
  public static RunSpec of(
      List<String> command, Map<String, String> environment, OutputStream out, Duration timeout) {
    return new RunSpec(command, environment, out, out, Optional.of(timeout), cancel -> {});
  }
}
