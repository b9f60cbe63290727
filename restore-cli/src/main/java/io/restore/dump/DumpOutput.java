package io.restore.dump;

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
