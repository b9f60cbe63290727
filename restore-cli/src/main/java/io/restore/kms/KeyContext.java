package io.restore.kms;

import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * What a provider's key source needs: the dbpath and key id (for messages), the metadata, the
 * command-line settings, and how to find the encrypted key (looked up only when decrypting, so
 * {@code metadata wrap} can build a context before any ciphertext exists).
 */
public record KeyContext(
    Path dbpath,
    String keyId,
    Metadata metadata,
    KeySourceSettings settings,
    Supplier<EncryptedKey> encryptedKey) {

  /** The context of an opened snapshot. */
  public static KeyContext of(Snapshot snapshot, KeySourceSettings settings) {
    return new KeyContext(
        snapshot.dbpath(),
        snapshot.keyId(),
        snapshot.metadata(),
        settings,
        () -> snapshot.encryptedKey(settings.encryptedKeyFile()));
  }

  public Provider provider() {
    return metadata.provider();
  }

  public Path metadataFile() {
    return metadata.file();
  }
}
