package io.restore.source;

import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * File modes from an archive, masked: never setuid, setgid or sticky (the bits above 0777 are
 * dropped), never group- or world-writable, always readable and writable by us (mongod writes its
 * dbpath, and cleanup must be able to remove it). The key folders ({@code key.store/}, {@code
 * cloudProviderCredentials/}) are private: 0700 folders, 0600 files.
 */
final class Modes {
  private Modes() {}

  static Set<PosixFilePermission> file(int mode, String name) {
    if (EntryNames.isKeyMaterial(name)) {
      return of(0600);
    }
    return of((mode & 0755) | 0600);
  }

  static Set<PosixFilePermission> directory(int mode, String name) {
    if (EntryNames.isKeyMaterial(name)) {
      return of(0700);
    }
    return of((mode & 0755) | 0700);
  }

  static Set<PosixFilePermission> of(int mode) {
    StringBuilder b = new StringBuilder();
    String rwx = "rwxrwxrwx";
    for (int i = 0; i < 9; i++) {
      b.append((mode & (1 << (8 - i))) != 0 ? rwx.charAt(i) : '-');
    }
    return PosixFilePermissions.fromString(b.toString());
  }
}
