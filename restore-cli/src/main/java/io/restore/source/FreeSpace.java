package io.restore.source;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Usable bytes on the filesystem of a folder; a seam so tests can pretend a small disk. */
@FunctionalInterface
interface FreeSpace {
  long usable(Path dir) throws IOException;

  static FreeSpace ofFileSystem() {
    return dir -> Files.getFileStore(dir).getUsableSpace();
  }
}
