package io.restore.source.atlas;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A restore job as the API reports it ({@code DiskBackupSnapshotRestoreJob}). The job has no status
 * field: it is ready when it has delivery URLs, done for when failed, expired or cancelled.
 */
public record RestoreJob(
    String id,
    List<String> deliveryUrls,
    List<Component> components,
    boolean failed,
    boolean expired,
    boolean cancelled,
    Optional<String> finishedAt,
    Optional<String> deliveryType,
    Optional<String> snapshotId,
    Optional<Instant> expiresAt) {

  /** One replica set of a sharded cluster's job ({@code DiskBackupRestoreMember}). */
  public record Component(String replicaSetName, Optional<String> downloadUrl) {}

  /** For the progress line. */
  public String state() {
    if (failed) {
      return "failed";
    }
    if (cancelled) {
      return "cancelled";
    }
    if (expired) {
      return "expired";
    }
    return ready() ? "ready" : "preparing the download";
  }

  /** Whether the download can start: the link(s) are there (each component's, when sharded). */
  public boolean ready() {
    if (components.size() > 1) {
      return components.stream().allMatch(c -> c.downloadUrl().isPresent());
    }
    return !deliveryUrls.isEmpty();
  }

  /** Failed, expired or cancelled: it will never deliver (again). */
  public boolean over() {
    return failed || expired || cancelled;
  }

  /** A sharded cluster's job: one download per replica set (shards and config server). */
  public boolean multiComponent() {
    return components.size() > 1 || deliveryUrls.size() > 1;
  }
}
