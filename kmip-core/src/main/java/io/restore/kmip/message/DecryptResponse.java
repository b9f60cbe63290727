package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Decrypt response (KMIP 1.4 §4.30): Unique Identifier, Data, Correlation Value. */
public record DecryptResponse(
    String uniqueIdentifier, byte[] data, Optional<byte[]> correlationValue)
    implements ResponsePayload {
  public static DecryptResponse of(String uid, byte[] data) {
    return new DecryptResponse(uid, data, Optional.empty());
  }

  static DecryptResponse read(Fields in) throws KmipException {
    return new DecryptResponse(
        in.requiredText(Tag.UNIQUE_IDENTIFIER),
        in.requiredBytes(Tag.DATA),
        in.optionalBytes(Tag.CORRELATION_VALUE));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    w.bytes(Tag.DATA, data);
    correlationValue.ifPresent(v -> w.bytes(Tag.CORRELATION_VALUE, v));
  }

  @Override
  public String toString() {
    return "DecryptResponse[" + uniqueIdentifier + ", " + data.length + " bytes redacted]";
  }
}
