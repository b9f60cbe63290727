package io.restore.source.atlas;

import io.restore.Secrets;
import io.restore.source.Bytes;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * atlas:// to a download link: credentials, the snapshot list, the choice, a download restore job
 * and its link (docs/design/sources.md). The link then goes to the URL source like any other.
 */
public final class AtlasSource {
  private final AtlasSettings settings;
  private final Credentials credentials;
  private final PrintWriter err;
  private final boolean reuse;

  public AtlasSource(AtlasSettings settings, Credentials credentials, PrintWriter err) {
    this(settings, credentials, err, true);
  }

  /** {@code reuse}: false with --atlas-new-job (a new restore job every run). */
  public AtlasSource(
      AtlasSettings settings, Credentials credentials, PrintWriter err, boolean reuse) {
    this.settings = settings;
    this.credentials = credentials;
    this.err = err;
    this.reuse = reuse;
  }

  public static AtlasSource of(AtlasFlags flags, Map<String, String> env, PrintWriter err) {
    Credentials c = CredentialsResolver.resolve(flags, env);
    return new AtlasSource(AtlasSettings.of(flags, env), c, err, !flags.newJob());
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
    RestoreJob job = deliver(api, target, snap);
    if (job.multiComponent()) {
      return sharded(job, snap);
    }
    URI url = link(job.deliveryUrls().get(0), job.id());
    registerTokens(url, job.id(), snap.id());
    return new AtlasDelivery.Single(job.id(), snap, url, settings.tls());
  }

  /**
   * A download job's ready job: an existing one of the same snapshot when it can still deliver
   * ({@link JobReuse}), else a new one, cancelled if it fails to deliver ({@link CancelOnFailure}).
   */
  private RestoreJob deliver(AtlasApi api, AtlasUri target, SnapshotInfo snap) {
    JobPoller poller = new JobPoller(api, settings, err);
    if (reuse) {
      Optional<RestoreJob> existing =
          JobReuse.choose(
              api.restoreJobs(target.projectId(), target.cluster()),
              snap.id(),
              settings.clock().instant());
      if (existing.isPresent()) {
        RestoreJob j = existing.get();
        status(
            "reusing Atlas restore job "
                + j.id()
                + " of snapshot "
                + snap.id()
                + (j.ready()
                    ? " (its link is valid until " + j.expiresAt().map(Object::toString).orElse("?")
                    : " (still preparing its link")
                + "); --atlas-new-job asks for a new one");
        return poller.await(target, j, false);
      }
    }
    RestoreJob created = api.createDownloadJob(target.projectId(), target.cluster(), snap.id());
    try (CancelOnFailure guard = new CancelOnFailure(api, target, created.id(), err)) {
      try {
        RestoreJob ready = poller.await(target, created, true);
        guard.delivered();
        return ready;
      } catch (RuntimeException e) {
        if (poller.lastSeen() != null && poller.lastSeen().over()) {
          guard.endedInAtlas();
        }
        throw e;
      }
    }
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

  /** Every component's link, checked and its tokens registered as the single link's are. */
  private AtlasDelivery.Sharded sharded(RestoreJob job, SnapshotInfo snap) {
    List<AtlasDelivery.Component> components = new ArrayList<>();
    for (RestoreJob.Component c : job.components()) {
      URI url =
          link(
              c.downloadUrl()
                  .orElseThrow(
                      () ->
                          AtlasErrors.badAnswer(
                              "restore job " + job.id(),
                              "component " + c.replicaSetName() + " has no downloadUrl")),
              job.id());
      registerTokens(url, job.id(), snap.id());
      components.add(new AtlasDelivery.Component(c.replicaSetName(), url));
    }
    if (components.size() < 2) {
      throw AtlasErrors.badAnswer(
          "restore job " + job.id(),
          "it delivers several archives but does not list one component per archive");
    }
    status(
        "snapshot "
            + snap.id()
            + " is of a sharded cluster: Atlas restore job "
            + job.id()
            + " delivers "
            + components.size()
            + " archives ("
            + components.stream()
                .map(AtlasDelivery.Component::replicaSetName)
                .collect(Collectors.joining(", "))
            + ")");
    return new AtlasDelivery.Sharded(job.id(), snap, components, settings.tls());
  }

  private void status(String line) {
    err.println("restore: " + line);
    err.flush();
  }
}
