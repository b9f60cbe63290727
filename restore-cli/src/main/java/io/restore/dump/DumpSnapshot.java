package io.restore.dump;

import java.util.Objects;
import java.util.Optional;
import org.bson.BsonDocument;
import org.bson.BsonNull;
import org.bson.BsonString;
import org.bson.BsonValue;

/**
 * Which snapshot a dump came from, as far as the session learned it, for {@code
 * restore-manifest.json}: the id of the master key that encrypts it and the KMS provider that holds
 * that key (both from the snapshot's own metadata; never a credential), and the MongoDB version
 * that opened it.
 */
public record DumpSnapshot(
    Optional<String> keyId, Optional<String> kmsProvider, Optional<String> mongodVersion) {
  /** A snapshot the session learned nothing about (yet). */
  public static final DumpSnapshot UNKNOWN =
      new DumpSnapshot(Optional.empty(), Optional.empty(), Optional.empty());

  public DumpSnapshot {
    Objects.requireNonNull(keyId, "keyId");
    Objects.requireNonNull(kmsProvider, "kmsProvider");
    Objects.requireNonNull(mongodVersion, "mongodVersion");
  }

  /** The manifest's {@code snapshot} field. */
  BsonDocument toBson() {
    return new BsonDocument("keyId", text(keyId))
        .append("kmsProvider", text(kmsProvider))
        .append("mongodVersion", text(mongodVersion));
  }

  private static BsonValue text(Optional<String> s) {
    return s.<BsonValue>map(BsonString::new).orElse(BsonNull.VALUE);
  }
}
