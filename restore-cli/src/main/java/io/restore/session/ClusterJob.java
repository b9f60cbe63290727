package io.restore.session;

import java.util.List;
import java.util.Map;

/** What to do once every component's mongod is ready and the set is identified. */
public sealed interface ClusterJob permits ClusterJob.Wait, ClusterJob.Exec, ClusterJob.Dump {
  /** Print one connection string per component and wait for Ctrl-C or SIGTERM. */
  record Wait() implements ClusterJob {}

  /**
   * Run a command with {@code MONGODB_URI_CONFIG}, {@code MONGODB_URI_<SHARD>} and {@value
   * ClusterReady#COMPONENTS_ENV} in its environment; exit with its exit code.
   */
  record Exec(List<String> command) implements ClusterJob {
    public Exec {
      command = List.copyOf(command);
      if (command.isEmpty()) {
        throw new IllegalArgumentException("--exec needs a command");
      }
    }
  }

  /** Dump the whole cluster as one dump, verify, then tear down. */
  record Dump(DumpJob dump) implements ClusterJob {}

  /**
   * The cluster dump as the session sees it: given the config server's and each shard's URI, dump
   * and verify, return an exit code or throw a {@link io.restore.RestoreException}.
   */
  interface DumpJob {
    /**
     * @param shardUris shard id → URI of the mongod serving that shard's snapshot
     */
    int run(String configServerUri, Map<String, String> shardUris);

    /** Checks the output before any key is decrypted or mongod started. */
    default void preflight() {}

    /** Stops a running {@link #run} at once, from any thread. */
    default void cancel() {}
  }
}
