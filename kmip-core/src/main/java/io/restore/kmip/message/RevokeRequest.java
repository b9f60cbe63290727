package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Revoke request (KMIP 1.4 §4.20): Unique Identifier, Revocation Reason, Compromise Occurrence
 * Date.
 */
public record RevokeRequest(
    Optional<String> uniqueIdentifier,
    RevocationReason revocationReason,
    Optional<Long> compromiseOccurrenceDate)
    implements RequestPayload {
  static RevokeRequest read(Fields in) throws KmipException {
    return new RevokeRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        RevocationReason.read(in.requiredStructure(Tag.REVOCATION_REASON)),
        in.optionalDateTime(Tag.COMPROMISE_OCCURRENCE_DATE));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    revocationReason.write(w);
    compromiseOccurrenceDate.ifPresent(d -> w.dateTime(Tag.COMPROMISE_OCCURRENCE_DATE, d));
  }
}
