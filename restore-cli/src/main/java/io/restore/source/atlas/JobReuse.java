package io.restore.source.atlas;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which of a cluster's restore jobs an atlas:// run uses instead of creating one
 * (docs/atlas-api.md, "Reusing a restore job"): a download job of the same snapshot that is not
 * failed, expired or cancelled, and either still preparing its link or holding a link valid for at
 * least {@link #MARGIN} more. A ready job is preferred, then the one valid longest.
 */
final class JobReuse {
  /** A link about to expire is not worth starting a download on: resumes need it too. */
  static final Duration MARGIN = Duration.ofMinutes(30);

  private JobReuse() {}

  static Optional<RestoreJob> choose(List<RestoreJob> jobs, String snapshotId, Instant now) {
    return jobs.stream()
        .filter(j -> j.deliveryType().filter("download"::equals).isPresent())
        .filter(j -> j.snapshotId().filter(snapshotId::equals).isPresent())
        .filter(j -> !j.over())
        .filter(
            j -> !j.ready() || j.expiresAt().filter(e -> e.isAfter(now.plus(MARGIN))).isPresent())
        .min(
            Comparator.comparing((RestoreJob j) -> !j.ready())
                .thenComparing(j -> j.expiresAt().orElse(Instant.MIN), Comparator.reverseOrder()));
  }
}
