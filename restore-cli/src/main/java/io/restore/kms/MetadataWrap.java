package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.local.LocalKeySource;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.MetadataField;
import io.restore.snapshot.MetadataWriter;
import io.restore.snapshot.Provider;
import io.restore.snapshot.Snapshot;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore metadata wrap}: encrypts a master key with a cloud KMS key and writes the
 * snapshot's metadata file with the ciphertext in {@code encryptedKey}, keeping the fields already
 * there. Decrypts the result once to prove the file works. For {@code local}, writes {@code
 * keyFile} instead.
 */
public final class MetadataWrap {
  private MetadataWrap() {}

  /** What was written: the file and the key's fingerprint. */
  public record Result(Path metadataFile, String fingerprint, boolean created) {}

  /**
   * @param fields fields to set first (coordinates and credentials), names as in the file format
   */
  public static Result wrap(
      Path dbpath, Provider provider, Map<String, String> fields, KeySourceFlags flags) {
    Path keyFile =
        flags
            .keyFile()
            .orElseThrow(
                () ->
                    new RestoreException(
                        ExitCode.USAGE,
                        "'restore metadata wrap' needs --key-file with the master key to encrypt",
                        "pass --key-file <file with 32 raw bytes or base64>"));
    Snapshot snapshot = Snapshot.open(dbpath, flags.keyId(), Optional.of(provider));
    Metadata md = snapshot.metadata();
    boolean created = !md.exists();
    for (Map.Entry<String, String> e : fields.entrySet()) {
      md = md.with(e.getKey(), e.getValue());
    }
    try (MasterKey key = LocalKeySource.read(keyFile, "--key-file")) {
      if (provider == Provider.LOCAL) {
        md = md.with(MetadataField.KEY_FILE.fieldName(), keyFile.toAbsolutePath().toString());
        MetadataWriter.write(md);
        return new Result(md.file(), key.fingerprint(), created);
      }
      KeySourceFlags noKeyFile = flags.withoutKeyFiles();
      KeyContext ctx =
          new KeyContext(
              dbpath,
              snapshot.keyId(),
              md,
              () -> {
                throw new IllegalStateException("no encrypted key yet");
              });
      byte[] ciphertext = KeySources.wrapperFor(KeySettings.resolve(ctx, noKeyFile)).encrypt(key);
      Metadata wrapped =
          md.with(
              MetadataField.ENCRYPTED_KEY.fieldName(),
              Base64.getEncoder().encodeToString(ciphertext));
      KeyContext check =
          new KeyContext(
              dbpath,
              snapshot.keyId(),
              wrapped,
              () -> new EncryptedKey(ciphertext, "the new ciphertext"));
      try (MasterKey back =
          KeySources.forSettings(KeySettings.resolve(check, noKeyFile)).decrypt()) {
        if (!back.fingerprint().equals(key.fingerprint())) {
          throw new RestoreException(
              ExitCode.KMS,
              provider.displayName() + " decrypted the new ciphertext to a different key",
              "check the key coordinates given with --field; nothing was written");
        }
      } finally {
        Arrays.fill(ciphertext, (byte) 0);
      }
      MetadataWriter.write(wrapped);
      return new Result(wrapped.file(), key.fingerprint(), created);
    }
  }
}
