package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Get Attribute List request (KMIP 1.4 §4.13): Unique Identifier. */
public record GetAttributeListRequest(Optional<String> uniqueIdentifier) implements RequestPayload {
  static GetAttributeListRequest read(Fields in) throws KmipException {
    return new GetAttributeListRequest(in.optionalText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
  }
}
