package io.restore.session;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What {@code restore open|dump SOURCE…} with several sources was asked to do: one snapshot per
 * component of a sharded cluster (docs/design/sharding.md, "One session for a cluster").
 *
 * @param components each source as given (for messages) and its dbpath, in command-line order
 * @param shared what every component's session shares: key flags, certificates, how to run mongod
 *     (its {@code dbpath} is the first component's and is not used)
 * @param maxParallelMongods {@code --max-parallel-mongods}; empty = from memory and sizes ({@link
 *     MongodBudget})
 */
public record ClusterRequest(
    List<Source> components, OpenRequest shared, OptionalInt maxParallelMongods) {
  public ClusterRequest {
    components = List.copyOf(components);
    Objects.requireNonNull(shared, "shared");
    Objects.requireNonNull(maxParallelMongods, "maxParallelMongods");
  }

  /**
   * One SOURCE, resolved.
   *
   * @param shown how messages name it (a link as host and path only)
   */
  public record Source(String shown, Path dbpath) {
    public Source {
      Objects.requireNonNull(shown, "shown");
      Objects.requireNonNull(dbpath, "dbpath");
    }
  }
}
