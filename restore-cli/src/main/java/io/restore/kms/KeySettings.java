package io.restore.kms;

import io.restore.snapshot.Snapshot;

/**
 * Everything one provider's key source needs, built once from the command line, the snapshot's
 * metadata and the environment, and validated once ({@link #resolve}): credentials are single-line
 * text, coordinates are well formed, half credentials are refused. Records, so a key source is a
 * function of its settings; no record prints a secret.
 */
public sealed interface KeySettings permits AwsSettings, AzureSettings, GcpSettings, LocalSettings {

  /** The snapshot side: dbpath, key id, metadata, the encrypted key. */
  KeyContext ctx();

  /**
   * The settings for a snapshot. {@code --key-file} always wins: it is the master key itself, so no
   * KMS is asked whatever the snapshot's provider.
   */
  static KeySettings resolve(Snapshot snapshot, KeySourceFlags flags) {
    KeyContext ctx = KeyContext.of(snapshot, flags.encryptedKeyFile());
    if (flags.keyFile().isPresent()) {
      return LocalSettings.resolve(ctx, flags);
    }
    return resolve(ctx, flags);
  }

  /** The settings for a context (also used by {@code metadata wrap}). */
  static KeySettings resolve(KeyContext ctx, KeySourceFlags flags) {
    return switch (ctx.provider()) {
      case AWS -> AwsSettings.resolve(ctx, flags);
      case AZURE -> AzureSettings.resolve(ctx, flags);
      case GCP -> GcpSettings.resolve(ctx, flags);
      case LOCAL -> LocalSettings.resolve(ctx, flags);
    };
  }
}
