package io.restore.testkit.atlas;

import java.time.Instant;

/** A snapshot the double lists: what {@code DiskBackupReplicaSet} carries that tests care about. */
public record Snapshot(String id, Instant createdAt, String status, long storageSizeBytes) {

  /**
   * {@code count} snapshots a day apart, newest first, ids {@code 6a...01}, {@code 6a...02}, ...
   */
  public static java.util.List<Snapshot> daily(int count, Instant newest) {
    java.util.List<Snapshot> list = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(
          new Snapshot(
              String.format("6a%022x", i + 1),
              newest.minus(java.time.Duration.ofDays(i)),
              "completed",
              1_000_000L + i));
    }
    return list;
  }
}
