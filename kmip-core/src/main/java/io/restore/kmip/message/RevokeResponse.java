package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Revoke response (KMIP 1.4 §4): Unique Identifier. */
public record RevokeResponse(String uniqueIdentifier) implements ResponsePayload {
  static RevokeResponse read(Fields in) throws KmipException {
    return new RevokeResponse(in.requiredText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
  }
}
