package io.restore.cli;

import io.restore.json.Json;
import io.restore.source.Bytes;
import io.restore.source.atlas.AtlasApi;
import io.restore.source.atlas.AtlasFlags;
import io.restore.source.atlas.AtlasSettings;
import io.restore.source.atlas.AtlasUri;
import io.restore.source.atlas.CredentialsResolver;
import io.restore.source.atlas.SnapshotInfo;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code restore atlas snapshots <projectId>/<clusterName>}: what an atlas:// source can fetch. */
@Command(
    name = "snapshots",
    mixinStandardHelpOptions = true,
    description =
        "List a cluster's cloud backup snapshots, newest first (id, created, status, size,"
            + " encryption), to pick one for atlas://<projectId>/<cluster>/<snapshotId>.")
final class AtlasSnapshotsCommand implements Callable<Integer> {
  private final Wiring wiring;

  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<projectId>/<clusterName>", description = "the cluster")
  String cluster;

  @Mixin AtlasOptions atlas;

  @Option(
      names = "--json",
      description = "Print one JSON object (docs/json-output.md) instead of a table.")
  boolean json;

  AtlasSnapshotsCommand(Wiring wiring) {
    this.wiring = wiring;
  }

  @Override
  public Integer call() {
    AtlasUri target = AtlasUri.parseCluster(cluster);
    AtlasFlags flags = atlas.flags(Optional.empty(), false);
    Map<String, String> env = wiring.environment();
    AtlasApi api =
        new AtlasApi(AtlasSettings.of(flags, env), CredentialsResolver.resolve(flags, env));
    List<SnapshotInfo> list =
        api.snapshots(target.projectId(), target.cluster()).stream()
            .sorted(Comparator.comparing(SnapshotInfo::createdAt).reversed())
            .toList();
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(json(target, list));
    } else if (list.isEmpty()) {
      out.println("cluster " + target.cluster() + " has no snapshots");
    } else {
      out.printf(
          "%-24s  %-20s  %-10s  %10s  %s%n", "ID", "CREATED", "STATUS", "SIZE", "ENCRYPTION");
      for (SnapshotInfo s : list) {
        out.printf(
            "%-24s  %-20s  %-10s  %10s  %s%n",
            s.id(),
            s.createdAt(),
            s.status(),
            s.storageSizeBytes() >= 0 ? Bytes.human(s.storageSizeBytes()) : "-",
            s.encryption());
      }
    }
    out.flush();
    return 0;
  }

  /** {@code {"projectId", "cluster", "snapshots": [...]}}; schema in docs/json-output.md. */
  static String json(AtlasUri target, List<SnapshotInfo> list) {
    List<Object> items = new ArrayList<>();
    for (SnapshotInfo s : list) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", s.id());
      m.put("created", s.createdAt().toString());
      m.put("status", s.status());
      m.put(
          "sizeBytes",
          s.storageSizeBytes() >= 0 ? new Json.Number(Long.toString(s.storageSizeBytes())) : null);
      m.put("type", s.type());
      m.put("masterKeyUuid", s.masterKeyUuid().orElse(null));
      m.put("encryption", s.encryption());
      items.add(m);
    }
    Map<String, Object> top = new LinkedHashMap<>();
    top.put("projectId", target.projectId());
    top.put("cluster", target.cluster());
    top.put("snapshots", items);
    return Json.writeCompact(top);
  }
}
