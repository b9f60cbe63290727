package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.snapshot.MetadataField;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A master key in a local file: {@code --key-file}, else the metadata's {@code keyFile} (a relative
 * path is resolved against the metadata file's folder).
 *
 * @param keyFile absolute when it came from the metadata
 * @param origin how it was named, for messages ({@code --key-file}, "field keyFile of …")
 */
public record LocalSettings(KeyContext ctx, Path keyFile, String origin) implements KeySettings {

  static LocalSettings resolve(KeyContext ctx, KeySourceFlags flags) {
    if (flags.keyFile().isPresent()) {
      return new LocalSettings(ctx, flags.keyFile().get(), "--key-file");
    }
    Optional<Path> field = ctx.metadata().path(MetadataField.KEY_FILE);
    if (field.isEmpty()) {
      throw new RestoreException(
          ExitCode.KMS,
          "local key: "
              + ctx.metadataFile()
              + (ctx.metadata().exists() ? " has no field keyFile" : " does not exist"),
          "pass --key-file <file with the 32-byte master key>, or write {\"keyFile\": \"<path>\"}"
              + " into "
              + ctx.metadataFile());
    }
    Path p = field.get();
    if (!p.isAbsolute()) {
      p = ctx.metadataFile().toAbsolutePath().getParent().resolve(p);
    }
    return new LocalSettings(ctx, p, "field keyFile of " + ctx.metadataFile());
  }
}
