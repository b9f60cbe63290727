package io.restore.kms;

import io.restore.snapshot.Snapshot;

/** Picks the key source for a snapshot; the wiring's choice (tests may substitute one). */
@FunctionalInterface
public interface KeySourceFactory {
  MasterKeySource forSnapshot(Snapshot snapshot, KeySourceSettings settings);

  /** The real key sources: {@link KeySources#forSnapshot}. */
  static KeySourceFactory standard() {
    return KeySources::forSnapshot;
  }
}
