package io.restore.snapshot;

import java.util.Arrays;

/**
 * The KMS-encrypted master key and where it was found (for messages: a file or a field, never the
 * bytes). Not a secret by itself, but useless to print.
 */
public record EncryptedKey(byte[] ciphertext, String source) {
  public EncryptedKey {
    ciphertext = ciphertext.clone();
  }

  @Override
  public byte[] ciphertext() {
    return ciphertext.clone();
  }

  public int length() {
    return ciphertext.length;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EncryptedKey k
        && Arrays.equals(ciphertext, k.ciphertext)
        && source.equals(k.source);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(ciphertext) * 31 + source.hashCode();
  }

  @Override
  public String toString() {
    return "EncryptedKey[" + ciphertext.length + " bytes from " + source + "]";
  }
}
