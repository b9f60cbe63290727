package io.restore.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * mongod options shared by {@code open} and {@code dump} (a picocli mixin, docs/design/style.md
 * 4.2).
 */
public final class MongodOptions {
  @Option(
      names = "--mongod",
      paramLabel = "<path>",
      description =
          "MongoDB Enterprise mongod binary (default: $RESTORE_MONGOD, else mongod on PATH)")
  Path binary;

  @Option(
      names = "--mongod-port",
      paramLabel = "<port>",
      defaultValue = "0",
      converter = OptionValues.Port.class,
      description = "mongod's port (default: 0, any free port, read back from mongod's log)")
  int port;

  /**
   * The old spelling of --mongod-port (hidden): one name per concept across commands. A field of
   * its own: picocli applies --mongod-port's default after parsing. One option per spelling,
   * because picocli names an option by its longest name in an error: {@code --port 70000} must be
   * refused as {@code --port}, not as {@code -mongodPort}.
   */
  @Option(
      names = "--port",
      paramLabel = "<port>",
      converter = OptionValues.Port.class,
      hidden = true)
  Integer portAlias;

  /** Atlas's spelling of --mongod-port (hidden). */
  @Option(
      names = "-mongodPort",
      paramLabel = "<port>",
      converter = OptionValues.Port.class,
      hidden = true)
  Integer mongodPortAlias;

  @Option(
      names = "--bind-ip",
      paramLabel = "<addresses>",
      defaultValue = "127.0.0.1",
      description = "addresses mongod listens on (default: ${DEFAULT-VALUE})")
  String bindIp;

  @Option(
      names = "--read-only",
      description = "open the snapshot read-only (mongod --queryableBackupMode)")
  boolean readOnly;

  @Option(
      names = "--shard",
      description =
          "the snapshot is a shard or config server (--setParameter skipShardingConfigurationChecks=true)")
  boolean shard;

  @Option(
      names = "--mongod-arg",
      paramLabel = "<arg>",
      description = "an extra argument for mongod, passed verbatim (repeatable)")
  List<String> extraArgs = new ArrayList<>();

  @Option(
      names = "--startup-timeout",
      paramLabel = "<seconds>",
      defaultValue = "600",
      converter = OptionValues.WeekSeconds.class,
      description =
          "how long mongod may take to become ready; large snapshots recover slowly"
              + " (default: ${DEFAULT-VALUE})")
  int startupTimeoutSeconds;

  @Option(
      names = "--max-parallel-mongods",
      paramLabel = "<n>",
      converter = OptionValues.Parallel.class,
      description =
          "with several sources (a sharded cluster): how many mongods start at once (default:"
              + " from the machine's available memory and the snapshots' sizes)")
  Integer maxParallelMongods;

  /** {@code --max-parallel-mongods}, when given. */
  public java.util.OptionalInt maxParallelMongods() {
    return maxParallelMongods == null
        ? java.util.OptionalInt.empty()
        : java.util.OptionalInt.of(maxParallelMongods);
  }

  public Duration startupTimeout() {
    return Duration.ofSeconds(startupTimeoutSeconds);
  }

  /** The session's view of these options. */
  public io.restore.session.OpenRequest.MongodPlan plan() {
    return new io.restore.session.OpenRequest.MongodPlan(
        Optional.ofNullable(binary), port(), bindIp, readOnly, shard, extraArgs, startupTimeout());
  }

  public int port() {
    if (portAlias != null) {
      return portAlias;
    }
    return mongodPortAlias != null ? mongodPortAlias : port;
  }

  public boolean readOnly() {
    return readOnly;
  }

  public boolean shard() {
    return shard;
  }

  public List<String> extraArgs() {
    return List.copyOf(extraArgs);
  }
}
