package io.restore.kms;

/**
 * Where a snapshot's master key comes from: a cloud KMS (AWS, Azure, Google) or a local file. Made
 * by {@link KeySources#forSettings}. Every failure is a {@link io.restore.RestoreException} with
 * {@link io.restore.ExitCode#KMS} or {@link io.restore.ExitCode#SNAPSHOT} that names the provider,
 * the metadata file, the fields involved (never their values) and the fix.
 */
public interface MasterKeySource {
  /** Decrypts the master key; the caller closes it. */
  MasterKey decrypt();

  /**
   * What will be asked of whom, for {@code inspect}: key coordinates and credential origin, no
   * secrets.
   */
  String description();
}
