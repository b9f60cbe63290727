package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Decrypt request (KMIP 1.4 §4.30): Unique Identifier, Cryptographic Parameters, Data,
 * IV/Counter/Nonce, Correlation Value, Init Indicator, Final Indicator, Authenticated Encryption
 * Additional Data, Authenticated Encryption Tag.
 */
public record DecryptRequest(
    Optional<String> uniqueIdentifier,
    Optional<CryptographicParameters> cryptographicParameters,
    byte[] data,
    Optional<byte[]> ivCounterNonce,
    Optional<byte[]> correlationValue,
    Optional<Boolean> initIndicator,
    Optional<Boolean> finalIndicator,
    Optional<byte[]> additionalData,
    Optional<byte[]> authenticatedEncryptionTag)
    implements RequestPayload {
  public static DecryptRequest of(String uid, byte[] data, byte[] iv) {
    return new DecryptRequest(
        Optional.of(uid),
        Optional.empty(),
        data,
        Optional.ofNullable(iv),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static DecryptRequest read(Fields in) throws KmipException {
    return new DecryptRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        in.optionalStructure(Tag.CRYPTOGRAPHIC_PARAMETERS).map(CryptographicParameters::new),
        in.requiredBytes(Tag.DATA),
        in.optionalBytes(Tag.IV_COUNTER_NONCE),
        in.optionalBytes(Tag.CORRELATION_VALUE),
        in.optionalBool(Tag.INIT_INDICATOR),
        in.optionalBool(Tag.FINAL_INDICATOR),
        in.optionalBytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA),
        in.optionalBytes(Tag.AUTHENTICATED_ENCRYPTION_TAG));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    cryptographicParameters.ifPresent(p -> w.item(p.structure()));
    w.bytes(Tag.DATA, data);
    ivCounterNonce.ifPresent(v -> w.bytes(Tag.IV_COUNTER_NONCE, v));
    correlationValue.ifPresent(v -> w.bytes(Tag.CORRELATION_VALUE, v));
    initIndicator.ifPresent(v -> w.bool(Tag.INIT_INDICATOR, v));
    finalIndicator.ifPresent(v -> w.bool(Tag.FINAL_INDICATOR, v));
    additionalData.ifPresent(v -> w.bytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA, v));
    authenticatedEncryptionTag.ifPresent(v -> w.bytes(Tag.AUTHENTICATED_ENCRYPTION_TAG, v));
  }

  @Override
  public String toString() {
    return "DecryptRequest[" + uniqueIdentifier + ", " + data.length + " bytes]";
  }
}
