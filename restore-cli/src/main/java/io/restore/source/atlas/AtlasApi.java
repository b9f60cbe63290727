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
    return everyPage(backup(project, cluster) + "snapshots", doing, AtlasJson::snapshot);
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
    return everyPage(backup(project, cluster) + "restoreJobs", doing, AtlasJson::job);
  }

  /** One item of a listing's {@code results}, read with what the caller was doing. */
  @FunctionalInterface
  private interface ItemReader<T> {
    T read(Map<String, Object> item, String doing);
  }

  /**
   * Every item of a paginated listing: pages of {@link #PAGE} until one comes back short, the
   * {@code totalCount} is reached, or 1000 pages (a bound against a server that never ends).
   */
  private <T> List<T> everyPage(String path, String doing, ItemReader<T> reader) {
    List<T> all = new ArrayList<>();
    for (int page = 1; ; page++) {
      Map<String, Object> body =
          AtlasJson.object(
              http.get(
                  path + "?includeCount=true&itemsPerPage=" + PAGE + "&pageNum=" + page, doing),
              doing);
      List<Map<String, Object>> results = AtlasJson.results(body, doing);
      for (Map<String, Object> r : results) {
        all.add(reader.read(r, doing));
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
