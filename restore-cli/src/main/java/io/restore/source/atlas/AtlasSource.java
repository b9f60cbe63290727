package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.source.Bytes;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * atlas:// to a download link: credentials, the snapshot list, the choice, a download restore job
 * and its link (docs/design/sources.md). The link then goes to the URL source like any other.
 */
public final class AtlasSource {
  private final AtlasSettings settings;
  private final Credentials credentials;
  private final PrintWriter err;

  public AtlasSource(AtlasSettings settings, Credentials credentials, PrintWriter err) {
    this.settings = settings;
    this.credentials = credentials;
    this.err = err;
  }

  public static AtlasSource of(AtlasFlags flags, Map<String, String> env, PrintWriter err) {
    Credentials c = CredentialsResolver.resolve(flags, env);
    return new AtlasSource(AtlasSettings.of(flags, env), c, err);
  }

  public AtlasDelivery resolve(AtlasUri target) {
    AtlasApi api = new AtlasApi(settings, credentials);
    status(
        "asking Atlas ("
            + settings.baseUri().getHost()
            + ") for the snapshots of "
            + target.cluster()
            + " as "
            + credentials.describe());
    SnapshotInfo snap =
        SnapshotChoice.choose(api.snapshots(target.projectId(), target.cluster()), target);
    status(
        "snapshot "
            + snap.id()
            + " of "
            + snap.createdAt()
            + (snap.storageSizeBytes() >= 0
                ? " (" + Bytes.human(snap.storageSizeBytes()) + ")"
                : "")
            + ": requesting a download");
    RestoreJob job =
        new JobPoller(api, settings, err)
            .await(target, api.createDownloadJob(target.projectId(), target.cluster(), snap.id()));
    if (job.multiComponent()) {
      return new AtlasDelivery.Sharded(job.id(), snap, job.components());
    }
    URI url = link(job.deliveryUrls().get(0), job.id());
    registerTokens(url, job.id(), snap.id());
    return new AtlasDelivery.Single(job.id(), snap, url, settings.tls());
  }

  private static URI link(String url, String jobId) {
    try {
      URI u = new URI(url);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
      if ((scheme.equals("https") || scheme.equals("http")) && u.getHost() != null) {
        return u;
      }
    } catch (URISyntaxException e) {
      // reported below, without the link (it carries a token)
    }
    throw AtlasErrors.badAnswer("restore job " + jobId, "its deliveryUrl is not an http(s) link");
  }

  /**
   * A download link may carry its token in a folder of the path, not only in the query: every
   * folder name but the job and snapshot ids is registered as a secret, so that the link is shown
   * as {@code https://host/<redacted>/restore-<id>.tar.gz} ({@code Redacted} scrubs).
   */
  static void registerTokens(URI url, String jobId, String snapshotId) {
    String path = url.getRawPath() == null ? "" : url.getRawPath();
    String[] parts = path.split("/");
    for (int i = 0; i < parts.length - 1; i++) {
      String p = parts[i];
      if (p.length() >= 8 && !p.equals(jobId) && !p.equals(snapshotId) && !p.equals("backup")) {
        Secrets.register(p);
      }
    }
    if (url.getRawQuery() != null) {
      Secrets.register(url.getRawQuery());
    }
  }

  /** The stop for a sharded cluster's job, listing its components. */
  public static RestoreException shardedNotSupported(AtlasDelivery.Sharded s) {
    String list =
        s.components().stream()
            .map(c -> "  " + c.replicaSetName())
            .collect(Collectors.joining("\n"));
    return new RestoreException(
        ExitCode.SNAPSHOT,
        "snapshot "
            + s.snapshot().id()
            + " is of a sharded cluster: Atlas restore job "
            + s.jobId()
            + " delivers "
            + s.components().size()
            + " archives, one per component:\n"
            + list
            + "\nrestore opens one replica set's snapshot at a time and cannot open a sharded one yet",
        "download one component's archive from Atlas (Backup > Restores & Downloads, job "
            + s.jobId()
            + ") and pass its link or file to restore to open that shard alone");
  }

  private void status(String line) {
    err.println("restore: " + line);
    err.flush();
  }
}
