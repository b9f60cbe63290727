package io.restore.cluster;

import com.mongodb.client.MongoClient;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.bson.BsonDocument;
import org.bson.BsonTimestamp;
import org.bson.BsonValue;

/**
 * When each component's snapshot was taken, as far as its data says: the {@code ts} of the newest
 * entry in its {@code local.oplog.rs}. A replica set writes to its oplog at least every 10 seconds
 * (the periodic no-op writer), so the components of one cluster snapshot end within seconds of each
 * other; a set whose newest entries are further apart than {@link #TOLERANCE} mixes snapshots of
 * different times and is refused (docs/design/sharding.md, "Which snapshot is which"). Components
 * without an oplog are not compared.
 */
public final class SnapshotTimes {
  /**
   * Far above the no-op writer's 10 s, far below the hour between Atlas's most frequent snapshots.
   */
  public static final Duration TOLERANCE = Duration.ofMinutes(5);

  private SnapshotTimes() {}

  /** The newest oplog entry's time, if the component has an oplog. */
  public static Optional<Instant> newestOplogEntry(MongoClient client) {
    BsonDocument newest =
        client
            .getDatabase("local")
            .getCollection("oplog.rs", BsonDocument.class)
            .find()
            .sort(new BsonDocument("$natural", new org.bson.BsonInt32(-1)))
            .limit(1)
            .first();
    BsonValue ts = newest == null ? null : newest.get("ts");
    if (ts == null || !ts.isTimestamp()) {
      return Optional.empty();
    }
    BsonTimestamp t = ts.asTimestamp();
    return Optional.of(Instant.ofEpochSecond(Integer.toUnsignedLong(t.getTime())));
  }

  /**
   * Refuses (exit 3) a set whose components' snapshot times are further apart than {@link
   * #TOLERANCE}, listing every component's time.
   *
   * @param times how messages name each component → its newest oplog time, when known
   */
  public static void check(Map<String, Optional<Instant>> times) {
    Optional<Instant> min =
        times.values().stream().flatMap(Optional::stream).min(Instant::compareTo);
    Optional<Instant> max =
        times.values().stream().flatMap(Optional::stream).max(Instant::compareTo);
    if (min.isEmpty() || Duration.between(min.get(), max.get()).compareTo(TOLERANCE) <= 0) {
      return;
    }
    String listed =
        times.entrySet().stream()
            .filter(e -> e.getValue().isPresent())
            .map(e -> UserText.cap(e.getKey()) + " at " + e.getValue().get())
            .collect(Collectors.joining(", "));
    throw new RestoreException(
        ExitCode.SNAPSHOT,
        "the snapshots were taken at different times (newest oplog entries "
            + Duration.between(min.get(), max.get()).toMinutes()
            + " minutes apart: "
            + listed
            + ")",
        "give the snapshots of one cluster snapshot: every component's archive from the same"
            + " restore job");
  }
}
