package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.aws.AwsKeySource;
import io.restore.kms.azure.AzureKeySource;
import io.restore.kms.gcp.GcpKeySource;
import io.restore.kms.local.LocalKeySource;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Picks the key source for a snapshot and the command line's settings. */
public final class KeySources {
  private KeySources() {}

  /**
   * Opens a dbpath with the settings' {@code --key-id} and {@code --cloud-provider}; with {@code
   * --key-file} and no metadata file the snapshot counts as {@code local}.
   */
  public static Snapshot openSnapshot(Path dbpath, KeySourceSettings settings) {
    Optional<Provider> provider = settings.cloudProvider();
    if (provider.isEmpty()
        && settings.keyFile().isPresent()
        && Files.isDirectory(dbpath)
        && !Snapshot.hasMetadataFiles(dbpath)) {
      provider = Optional.of(Provider.LOCAL);
    }
    return Snapshot.open(dbpath, settings.keyId(), provider);
  }

  /**
   * The key source for a snapshot. {@code --key-file} always wins: it is the master key itself, so
   * no KMS is asked whatever the snapshot's provider.
   */
  public static MasterKeySource forSnapshot(Snapshot snapshot, KeySourceSettings settings) {
    KeyContext ctx = KeyContext.of(snapshot, settings);
    if (settings.keyFile().isPresent()) {
      return new LocalKeySource(ctx);
    }
    return forContext(ctx);
  }

  /** The key source for a context (also used by {@code metadata wrap}). */
  public static MasterKeySource forContext(KeyContext ctx) {
    return switch (ctx.provider()) {
      case AWS -> new AwsKeySource(ctx);
      case AZURE -> new AzureKeySource(ctx);
      case GCP -> new GcpKeySource(ctx);
      case LOCAL -> new LocalKeySource(ctx);
    };
  }

  /** The wrapper that encrypts a master key with the context's cloud KMS key. */
  public static MasterKeyWrapper wrapperFor(KeyContext ctx) {
    MasterKeySource source = forContext(ctx);
    if (source instanceof MasterKeyWrapper w) {
      return w;
    }
    throw new RestoreException(
        ExitCode.USAGE,
        "a " + ctx.provider().id() + " key is not encrypted by a KMS, so there is nothing to wrap",
        "for a local key, write {\"keyFile\": \"<path>\"} with 'restore metadata set', or pick"
            + " --provider aws, azure or gcp");
  }
}
