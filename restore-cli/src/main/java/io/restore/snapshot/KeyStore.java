package io.restore.snapshot;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * mongod's rule for the master key's id in {@code <dbpath>/key.store} (docs/design/mongod-kmip.md).
 */
final class KeyStore {
  private KeyStore() {}

  /** Whether mongod would consider an entry of key.store as the master key's folder. */
  static boolean isCandidate(String name) {
    return !name.contains("-invalidated-")
        && !name.contains("-initializing")
        && !name.contains("keystore.metadata");
  }

  /**
   * The candidate entry; mongod takes the first one in its directory listing, an order we cannot
   * know, so several candidates are refused unless {@code choice} names one of them.
   */
  static String masterKeyId(Path keyStore, Optional<String> choice) {
    List<String> entries = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(keyStore)) {
      for (Path p : s) {
        entries.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "cannot list " + keyStore + ": " + UntrustedFile.reason(e),
          "check that the folder is readable by this user (ls -ld " + keyStore + ")",
          e);
    }
    entries.sort(null);
    List<String> candidates = new ArrayList<>();
    for (String e : entries) {
      if (isCandidate(e)) {
        candidates.add(e);
      }
    }
    if (choice.isPresent()) {
      if (candidates.contains(choice.get())) {
        return choice.get();
      }
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          "--key-id "
              + UserText.cap(choice.get())
              + " is not a usable key in "
              + keyStore
              + " (candidates: "
              + (candidates.isEmpty() ? "none" : String.join(", ", candidates))
              + ")",
          candidates.isEmpty() ? "check the dbpath" : "pass one of the candidates to --key-id");
    }
    if (candidates.isEmpty()) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          keyStore
              + " holds no master key folder (entries: "
              + (entries.isEmpty() ? "none" : String.join(", ", entries))
              + ")",
          "the snapshot looks incomplete: extract the archive again");
    }
    if (candidates.size() > 1) {
      throw new RestoreException(
          ExitCode.SNAPSHOT,
          keyStore
              + " holds several master key folders: "
              + String.join(", ", candidates)
              + "; which one mongod uses depends on directory order, which restore cannot know",
          "pass --key-id with the one whose cloudProviderCredentials/<keyId>.*.metadata exists"
              + " (usually the newest)");
    }
    return candidates.get(0);
  }
}
