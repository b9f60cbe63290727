package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Activate response (KMIP 1.4 §4): Unique Identifier. */
public record ActivateResponse(String uniqueIdentifier) implements ResponsePayload {
  static ActivateResponse read(Fields in) throws KmipException {
    return new ActivateResponse(in.requiredText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
  }
}
