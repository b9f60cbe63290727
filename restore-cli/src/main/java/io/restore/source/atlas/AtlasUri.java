package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * {@code atlas://<projectId>/<clusterName>[/<snapshotId>|/latest]}: which cluster's snapshot to
 * fetch. No snapshot (or {@code latest}) means the newest completed one.
 */
public record AtlasUri(String projectId, String cluster, Optional<String> snapshotId) {
  public static final String SCHEME = "atlas://";
  static final Pattern HEX24 = Pattern.compile("[a-f0-9]{24}");
  // The Admin API's pattern for a cluster name (clusterName in openapi-2023-01-01.json).
  static final Pattern CLUSTER = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9-]*");
  private static final String FORM = "atlas://<projectId>/<clusterName>[/<snapshotId>|/latest]";

  /** Whether a SOURCE argument names an Atlas cluster rather than a path or link. */
  public static boolean isAtlas(String arg) {
    return arg.toLowerCase(Locale.ROOT).startsWith(SCHEME);
  }

  public static AtlasUri parse(String arg) {
    if (!isAtlas(arg)) {
      throw usage("'" + arg + "' is not an atlas:// source", "write it as " + FORM);
    }
    String rest = arg.substring(SCHEME.length());
    if (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    String[] parts = rest.split("/", -1);
    if (parts.length < 2 || parts.length > 3) {
      throw usage(
          "the Atlas source " + arg + " needs a project id and a cluster name",
          "write it as " + FORM + " (the project id is in Atlas under Project Settings)");
    }
    AtlasUri target = target(parts[0], parts[1], arg);
    Optional<String> snapshot = Optional.empty();
    if (parts.length == 3 && !parts[2].equalsIgnoreCase("latest")) {
      if (!HEX24.matcher(parts[2]).matches()) {
        throw usage(
            "the snapshot id '" + parts[2] + "' in " + arg + " is not a 24-digit hex id",
            "list the snapshots with: restore atlas snapshots " + parts[0] + "/" + parts[1]);
      }
      snapshot = Optional.of(parts[2]);
    }
    return new AtlasUri(target.projectId(), target.cluster(), snapshot);
  }

  /** {@code <projectId>/<clusterName>}, as {@code restore atlas snapshots} takes it. */
  public static AtlasUri parseCluster(String arg) {
    String[] parts = arg.split("/", -1);
    if (parts.length != 2) {
      throw usage(
          "'" + arg + "' is not <projectId>/<clusterName>",
          "write it as e.g. 5f1e2d3c4b5a69788796a5b4/Cluster0");
    }
    return target(parts[0], parts[1], arg);
  }

  private static AtlasUri target(String project, String cluster, String arg) {
    if (!HEX24.matcher(project).matches()) {
      throw usage(
          "the project id '" + project + "' in " + arg + " is not a 24-digit hex id",
          "copy the project id from Atlas (Project Settings), e.g. 5f1e2d3c4b5a69788796a5b4");
    }
    if (!CLUSTER.matcher(cluster).matches()) {
      throw usage(
          "the cluster name '" + cluster + "' in " + arg + " is not a valid Atlas cluster name",
          "use the name shown in Atlas (letters, digits and '-')");
    }
    return new AtlasUri(project, cluster, Optional.empty());
  }

  /** How the source is shown: the snapshot id or "latest", never credentials. */
  public String describe() {
    return SCHEME + projectId + "/" + cluster + "/" + snapshotId.orElse("latest");
  }

  private static RestoreException usage(String what, String next) {
    return new RestoreException(ExitCode.USAGE, what, next);
  }
}
