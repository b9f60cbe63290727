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

/** Opens a snapshot for the command line's key-source flags and picks its key source. */
public final class KeySources {
  private KeySources() {}

  /**
   * Opens a dbpath with the flags' {@code --key-id} and {@code --cloud-provider}; with {@code
   * --key-file} and no metadata file the snapshot counts as {@code local}.
   */
  public static Snapshot openSnapshot(Path dbpath, KeySourceFlags flags) {
    Optional<KeySourceFlags.ProviderFlag> choice = flags.cloudProvider();
    if (choice.isEmpty()
        && flags.keyFile().isPresent()
        && Files.isDirectory(dbpath)
        && !Snapshot.hasMetadataFiles(dbpath)) {
      return Snapshot.open(dbpath, flags.keyId(), Optional.of(Provider.LOCAL), "--key-file");
    }
    return Snapshot.open(
        dbpath,
        flags.keyId(),
        choice.map(KeySourceFlags.ProviderFlag::provider),
        choice.map(KeySourceFlags.ProviderFlag::flag).orElse("--cloud-provider"));
  }

  /** Opens the snapshot and settles its key settings: everything checked before any work. */
  public static KeyPlan plan(Path dbpath, KeySourceFlags flags) {
    return KeyPlan.of(openSnapshot(dbpath, flags), flags);
  }

  /** The key source for settings. */
  public static MasterKeySource forSettings(KeySettings settings) {
    if (settings instanceof AwsSettings s) {
      return new AwsKeySource(s);
    }
    if (settings instanceof AzureSettings s) {
      return new AzureKeySource(s);
    }
    if (settings instanceof GcpSettings s) {
      return new GcpKeySource(s);
    }
    return new LocalKeySource((LocalSettings) settings);
  }

  /** The wrapper that encrypts a master key with the settings' cloud KMS key. */
  public static MasterKeyWrapper wrapperFor(KeySettings settings) {
    MasterKeySource source = forSettings(settings);
    if (source instanceof MasterKeyWrapper w) {
      return w;
    }
    throw new RestoreException(
        ExitCode.USAGE,
        "a "
            + settings.ctx().provider().id()
            + " key is not encrypted by a KMS, so there is nothing to wrap",
        "for a local key, write {\"keyFile\": \"<path>\"} with 'restore metadata set', or pick"
            + " --provider aws, azure or gcp");
  }
}
