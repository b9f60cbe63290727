package io.restore.source.atlas;

import java.time.Instant;
import java.util.Optional;

/**
 * One cloud backup snapshot as the list shows it ({@code DiskBackupReplicaSet}): {@code
 * masterKeyUuid} is present when the cluster uses Encryption at Rest with a customer key, which is
 * what restore opens.
 */
public record SnapshotInfo(
    String id,
    Instant createdAt,
    String status,
    long storageSizeBytes,
    String type,
    Optional<String> masterKeyUuid) {

  public boolean completed() {
    return status.equals("completed");
  }

  /** For the table and JSON: "customer key <uuid>" or "Atlas-managed". */
  public String encryption() {
    return masterKeyUuid.map(u -> "customer key " + u).orElse("Atlas-managed");
  }
}
