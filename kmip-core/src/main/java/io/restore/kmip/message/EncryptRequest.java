package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Encrypt request (KMIP 1.4 §4.29): Unique Identifier, Cryptographic Parameters, Data, IV/Counter/
 * Nonce, Correlation Value, Init Indicator, Final Indicator, Authenticated Encryption Additional
 * Data. mongod sends identifier and data only.
 */
public record EncryptRequest(
    Optional<String> uniqueIdentifier,
    Optional<CryptographicParameters> cryptographicParameters,
    byte[] data,
    Optional<byte[]> ivCounterNonce,
    Optional<byte[]> correlationValue,
    Optional<Boolean> initIndicator,
    Optional<Boolean> finalIndicator,
    Optional<byte[]> additionalData)
    implements RequestPayload {
  public static EncryptRequest of(String uid, byte[] data) {
    return new EncryptRequest(
        Optional.of(uid),
        Optional.empty(),
        data,
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty());
  }

  static EncryptRequest read(Fields in) throws KmipException {
    return new EncryptRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        in.optionalStructure(Tag.CRYPTOGRAPHIC_PARAMETERS).map(CryptographicParameters::new),
        in.requiredBytes(Tag.DATA),
        in.optionalBytes(Tag.IV_COUNTER_NONCE),
        in.optionalBytes(Tag.CORRELATION_VALUE),
        in.optionalBool(Tag.INIT_INDICATOR),
        in.optionalBool(Tag.FINAL_INDICATOR),
        in.optionalBytes(Tag.AUTHENTICATED_ENCRYPTION_ADDITIONAL_DATA));
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
  }

  @Override
  public String toString() {
    return "EncryptRequest[" + uniqueIdentifier + ", " + data.length + " bytes redacted]";
  }
}
