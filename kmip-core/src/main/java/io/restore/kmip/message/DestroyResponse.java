package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Destroy response (KMIP 1.4 §4): Unique Identifier. */
public record DestroyResponse(String uniqueIdentifier) implements ResponsePayload {
  static DestroyResponse read(Fields in) throws KmipException {
    return new DestroyResponse(in.requiredText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
  }
}
