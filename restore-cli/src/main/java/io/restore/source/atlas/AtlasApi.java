package io.restore.source.atlas;

import io.restore.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Admin API operations this source uses (Cloud Backups, 2023-01-01): list a cluster's snapshots
 * and its restore jobs (every page), create a download restore job, read one, cancel one.
 */
public final class AtlasApi {
  static final int PAGE = 100;
  private final AtlasHttp http;

  public AtlasApi(AtlasSettings settings, Credentials credentials) {
    this.http = new AtlasHttp(settings, credentials);
  }

  public Credentials credentials() {
    return http.credentials();
  }

  private static String backup(String project, String cluster) {
    return "api/atlas/v2/groups/" + project + "/clusters/" + cluster + "/backup/";
  }

  /** Every snapshot of the cluster, in the API's order (newest first). */
  public List<SnapshotInfo> snapshots(String project, String cluster) {
    String doing = "list the snapshots of cluster " + cluster + " in project " + project;
    List<SnapshotInfo> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, Object> body =
          AtlasJson.object(
              http.get(
                  backup(project, cluster)
                      + "snapshots?includeCount=true&itemsPerPage="
                      + PAGE
                      + "&pageNum="
                      + page,
                  doing),
              doing);
      List<Map<String, Object>> results = AtlasJson.results(body, doing);
      for (Map<String, Object> r : results) {
        all.add(AtlasJson.snapshot(r, doing));
      }
      long total = body.get("totalCount") instanceof Json.Number n ? AtlasJson.parseLong(n) : -1;
      if (results.size() < PAGE || (total >= 0 && all.size() >= total) || page >= 1000) {
        return all;
      }
    }
  }

  /** {@code POST .../restoreJobs} with {@code deliveryType: download}. */
  public RestoreJob createDownloadJob(String project, String cluster, String snapshotId) {
    String doing = "create a download restore job for snapshot " + snapshotId;
    Map<String, Object> req = new LinkedHashMap<>();
    req.put("deliveryType", "download");
    req.put("snapshotId", snapshotId);
    String body =
        http.post(backup(project, cluster) + "restoreJobs", Json.writeCompact(req), doing);
    return AtlasJson.job(AtlasJson.object(body, doing), doing);
  }

  /** Every restore job of the cluster, in the API's order (docs/atlas-api.md, reuse). */
  public List<RestoreJob> restoreJobs(String project, String cluster) {
    String doing = "list the restore jobs of cluster " + cluster + " in project " + project;
    List<RestoreJob> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, Object> body =
          AtlasJson.object(
              http.get(
                  backup(project, cluster)
                      + "restoreJobs?includeCount=true&itemsPerPage="
                      + PAGE
                      + "&pageNum="
                      + page,
                  doing),
              doing);
      List<Map<String, Object>> results = AtlasJson.results(body, doing);
      for (Map<String, Object> r : results) {
        all.add(AtlasJson.job(r, doing));
      }
      long total = body.get("totalCount") instanceof Json.Number n ? AtlasJson.parseLong(n) : -1;
      if (results.size() < PAGE || (total >= 0 && all.size() >= total) || page >= 1000) {
        return all;
      }
    }
  }

  /** {@code DELETE .../restoreJobs/{id}}: Atlas allows it for download jobs (docs/atlas-api.md). */
  public void cancel(String project, String cluster, String jobId) {
    http.delete(backup(project, cluster) + "restoreJobs/" + jobId, "cancel restore job " + jobId);
  }

  public RestoreJob job(String project, String cluster, String jobId) {
    String doing = "read restore job " + jobId;
    return AtlasJson.job(
        AtlasJson.object(http.get(backup(project, cluster) + "restoreJobs/" + jobId, doing), doing),
        doing);
  }
}
