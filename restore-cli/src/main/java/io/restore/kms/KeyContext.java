package io.restore.kms;

import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The snapshot side of every key source, for its messages and its ciphertext: the dbpath and key
 * id, the metadata, and how to find the encrypted key (looked up only when decrypting, so {@code
 * metadata wrap} can build a context before any ciphertext exists).
 */
public record KeyContext(
    Path dbpath, String keyId, Metadata metadata, Supplier<EncryptedKey> encryptedKey) {

  /**
   * The context of an opened snapshot; {@code encryptedKeyFile} is {@code --encrypted-key-file}.
   */
  public static KeyContext of(Snapshot snapshot, Optional<Path> encryptedKeyFile) {
    return new KeyContext(
        snapshot.dbpath(),
        snapshot.keyId(),
        snapshot.metadata(),
        () -> snapshot.encryptedKey(encryptedKeyFile));
  }

  public Provider provider() {
    return metadata.provider();
  }

  public Path metadataFile() {
    return metadata.file();
  }
}
