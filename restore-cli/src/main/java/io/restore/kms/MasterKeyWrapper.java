package io.restore.kms;

/**
 * Encrypts a master key with a cloud KMS key: {@code restore metadata wrap} uses it to build
 * samples and to re-key a snapshot's metadata. The result goes into the metadata's {@code
 * encryptedKey} field.
 */
public interface MasterKeyWrapper {
  /** The KMS ciphertext of {@code key}, which the matching {@link MasterKeySource} decrypts. */
  byte[] encrypt(MasterKey key);
}
