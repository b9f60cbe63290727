package io.restore.kms.local;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.kms.LocalSettings;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.snapshot.Base64Text;
import io.restore.snapshot.UntrustedFile;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * The master key from a local file: {@code --key-file}, else the {@code keyFile} field of {@code
 * <keyId>.local.metadata} (a relative path is resolved against the metadata file's folder). The
 * file holds the raw 32 bytes or their base64 text (a mongod {@code --encryptionKeyFile} is
 * base64). For self-managed keys, the demo, and a key decrypted earlier.
 */
public final class LocalKeySource implements MasterKeySource {
  private final LocalSettings settings;

  public LocalKeySource(LocalSettings settings) {
    this.settings = settings;
  }

  @Override
  public String description() {
    return "local key file "
        + UserText.cap(settings.keyFile().toAbsolutePath().normalize().toString())
        + " (from "
        + settings.origin()
        + ")";
  }

  @Override
  public MasterKey decrypt() {
    return read(settings.keyFile(), settings.origin());
  }

  /** Reads a key file: exactly 32 raw bytes, or base64 text of 32 bytes. */
  public static MasterKey read(Path file, String origin) {
    byte[] raw =
        UntrustedFile.read(
            file, "key file (from " + origin + ")", UntrustedFile.KEY_MAX, ExitCode.KMS);
    byte[] key = null;
    try {
      if (raw.length == MasterKey.LENGTH) {
        return MasterKey.copyOf(raw);
      }
      key = Base64Text.decodeIfText(raw).orElse(null);
      if (key == null || key.length != MasterKey.LENGTH) {
        throw notAKey(
            file,
            origin,
            "holds neither 32 raw bytes nor base64 text of 32 bytes ("
                + (key == null ? raw.length + " bytes" : "base64 of " + key.length + " bytes")
                + ")");
      }
      return MasterKey.copyOf(key);
    } finally {
      Arrays.fill(raw, (byte) 0);
      if (key != null) {
        Arrays.fill(key, (byte) 0);
      }
    }
  }

  private static RestoreException notAKey(Path file, String origin, String what) {
    return new RestoreException(
        ExitCode.KMS,
        "the key file " + file + " (from " + origin + ") " + what,
        "pass the file that holds the 32-byte master key (e.g. made with 'openssl rand 32')");
  }
}
