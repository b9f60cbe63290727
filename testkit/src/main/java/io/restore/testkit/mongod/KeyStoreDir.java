package io.restore.testkit.mongod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Finds the master key's id in {@code <dbpath>/key.store/} by mongod's rule
 * (docs/design/mongod-kmip.md).
 */
final class KeyStoreDir {
  private KeyStoreDir() {}

  static boolean present(Path dbpath) {
    return Files.isDirectory(dbpath.resolve("key.store"));
  }

  /**
   * The first entry whose name contains none of {@code -invalidated-}, {@code -initializing} and
   * {@code keystore.metadata} (sorted by name, so the answer does not depend on directory order).
   */
  static Optional<String> keyId(Path dbpath) throws IOException {
    Path dir = dbpath.resolve("key.store");
    if (!Files.isDirectory(dir)) {
      return Optional.empty();
    }
    try (Stream<Path> entries = Files.list(dir)) {
      return entries
          .map(p -> p.getFileName().toString())
          .filter(
              n ->
                  !n.contains("-invalidated-")
                      && !n.contains("-initializing")
                      && !n.contains("keystore.metadata"))
          .sorted()
          .findFirst();
    }
  }
}
