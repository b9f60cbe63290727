package io.restore.session;

import java.util.List;

/** Step 6 of the flow: what the user wants done with the ready mongod. */
public sealed interface Job permits Job.Wait, Job.Exec, Job.Dump {
  /** Print the connection string and wait for Ctrl-C or SIGTERM. */
  record Wait() implements Job {}

  /** Run a command with {@code MONGODB_URI} in its environment; exit with its exit code. */
  record Exec(List<String> command) implements Job {
    public Exec {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("--exec needs a command");
      }
    }
  }

  /** Dump the databases, verify, then tear down. */
  record Dump(DumpJob dump) implements Job {}

  /**
   * The dumper as the session sees it: given the URI, dump, verify and return an exit code, or
   * throw a {@link io.restore.RestoreException} saying what failed.
   */
  @FunctionalInterface
  public interface DumpJob {
    int run(String mongodbUri);

    /**
     * Checks what can be checked about the output before anything starts (exists, writable); the
     * session calls it before the key is decrypted and mongod started.
     */
    default void preflight() {}

    /**
     * Stops a running {@link #run} at once, from any thread (Ctrl-C, mongod exiting): {@code run}
     * then fails soon after, its partial output removed.
     */
    default void cancel() {}
  }
}
