package io.restore.dump;

import io.restore.dump.storage.Destination;
import io.restore.dump.storage.ObjectStores;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/** Where and in which format a dump goes. */
public sealed interface DumpOutput {
  /** mongodump's directory layout: {@code <dir>/<db>/<coll>.bson} + {@code .metadata.json}. */
  record Directory(Path dir) implements DumpOutput {
    public Directory {
      Objects.requireNonNull(dir, "dir");
    }
  }

  /** mongodump's archive: one file, or standard output when {@code file} is empty. */
  record Archive(Optional<Path> file) implements DumpOutput {
    public Archive {
      Objects.requireNonNull(file, "file");
    }

    public static Archive toStdout() {
      return new Archive(Optional.empty());
    }

    public static Archive toFile(Path file) {
      return new Archive(Optional.of(file));
    }
  }

  /**
   * mongodump's archive uploaded to an object store as it is written, published only once it
   * verified (io.restore.dump.storage).
   */
  record UploadedArchive(Destination destination, ObjectStores.Settings settings)
      implements DumpOutput {
    public UploadedArchive {
      Objects.requireNonNull(destination, "destination");
      Objects.requireNonNull(settings, "settings");
      if (destination instanceof Destination.LocalFile) {
        throw new IllegalArgumentException("a local file is an Archive");
      }
    }
  }

  /**
   * mongodump's directory layout (or JSON lines when {@code jsonFormat} is given) as objects under
   * a store prefix, complete once {@code restore-manifest.json} is written last
   * (docs/design/object-storage.md).
   */
  record UploadedDirectory(
      Destination prefix, ObjectStores.Settings settings, Optional<JsonFormat> jsonFormat)
      implements DumpOutput {
    public UploadedDirectory {
      Objects.requireNonNull(prefix, "prefix");
      Objects.requireNonNull(settings, "settings");
      Objects.requireNonNull(jsonFormat, "jsonFormat");
      if (prefix instanceof Destination.LocalFile) {
        throw new IllegalArgumentException("a local folder is a Directory");
      }
    }
  }

  /** One document per line ({@code <dir>/<db>/<coll>.json}), mongoexport style. */
  record Jsonl(Path dir, JsonFormat jsonFormat) implements DumpOutput {
    public Jsonl {
      Objects.requireNonNull(dir, "dir");
      Objects.requireNonNull(jsonFormat, "jsonFormat");
    }
  }

  /** Extended JSON flavours (mongoexport --jsonFormat). */
  enum JsonFormat {
    RELAXED,
    CANONICAL
  }
}
