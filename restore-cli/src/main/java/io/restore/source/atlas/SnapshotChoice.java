package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.source.Bytes;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which snapshot to restore: the given id, or the newest completed one. An unknown id lists the
 * five most recent so the user can pick without another command.
 */
final class SnapshotChoice {
  static final int SHOWN = 5;

  private SnapshotChoice() {}

  static SnapshotInfo choose(List<SnapshotInfo> all, AtlasUri target) {
    List<SnapshotInfo> newest =
        all.stream().sorted(Comparator.comparing(SnapshotInfo::createdAt).reversed()).toList();
    if (target.snapshotId().isPresent()) {
      String id = target.snapshotId().get();
      Optional<SnapshotInfo> s = newest.stream().filter(x -> x.id().equals(id)).findFirst();
      if (s.isEmpty()) {
        throw new RestoreException(
            ExitCode.USAGE,
            "cluster "
                + target.cluster()
                + " has no snapshot "
                + id
                + (newest.isEmpty()
                    ? " (it has no snapshots at all)"
                    : "; the most recent are:\n" + recent(newest)),
            "pick one of these ids (restore atlas snapshots "
                + target.projectId()
                + "/"
                + target.cluster()
                + " lists them all), or leave the id out for the latest");
      }
      if (!s.get().completed()) {
        throw new RestoreException(
            ExitCode.ATLAS,
            "snapshot " + id + " is " + s.get().status() + ", not completed",
            "wait until Atlas completes it, or pick a completed one (restore atlas snapshots)");
      }
      return s.get();
    }
    return newest.stream()
        .filter(SnapshotInfo::completed)
        .findFirst()
        .orElseThrow(
            () ->
                new RestoreException(
                    ExitCode.ATLAS,
                    "cluster "
                        + target.cluster()
                        + " has no completed snapshot"
                        + (newest.isEmpty() ? " (no snapshots at all)" : ":\n" + recent(newest)),
                    "check that Cloud Backup is enabled for the cluster, or take an on-demand"
                        + " snapshot in Atlas and run again when it has completed"));
  }

  static String recent(List<SnapshotInfo> newest) {
    return newest.stream()
        .limit(SHOWN)
        .map(
            s ->
                "  "
                    + s.id()
                    + "  "
                    + s.createdAt()
                    + "  "
                    + s.status()
                    + (s.storageSizeBytes() >= 0 ? "  " + Bytes.human(s.storageSizeBytes()) : ""))
        .collect(Collectors.joining("\n"));
  }
}
