package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Encrypt response (KMIP 1.4 §4.29): Unique Identifier, Data, IV/Counter/Nonce, Correlation Value,
 * Authenticated Encryption Tag.
 */
public record EncryptResponse(
    String uniqueIdentifier,
    byte[] data,
    Optional<byte[]> ivCounterNonce,
    Optional<byte[]> correlationValue,
    Optional<byte[]> authenticatedEncryptionTag)
    implements ResponsePayload {
  /** What mongod reads: identifier, ciphertext, the IV the server chose. */
  public static EncryptResponse of(String uid, byte[] data, byte[] iv) {
    return new EncryptResponse(
        uid, data, Optional.ofNullable(iv), Optional.empty(), Optional.empty());
  }

  static EncryptResponse read(Fields in) throws KmipException {
    return new EncryptResponse(
        in.requiredText(Tag.UNIQUE_IDENTIFIER),
        in.requiredBytes(Tag.DATA),
        in.optionalBytes(Tag.IV_COUNTER_NONCE),
        in.optionalBytes(Tag.CORRELATION_VALUE),
        in.optionalBytes(Tag.AUTHENTICATED_ENCRYPTION_TAG));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    w.bytes(Tag.DATA, data);
    ivCounterNonce.ifPresent(v -> w.bytes(Tag.IV_COUNTER_NONCE, v));
    correlationValue.ifPresent(v -> w.bytes(Tag.CORRELATION_VALUE, v));
    authenticatedEncryptionTag.ifPresent(v -> w.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, v));
  }

  @Override
  public String toString() {
    return "EncryptResponse[" + uniqueIdentifier + ", " + data.length + " bytes]";
  }
}
