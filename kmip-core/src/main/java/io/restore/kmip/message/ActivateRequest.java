package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Activate request (KMIP 1.4 §4): Unique Identifier (absent: the ID Placeholder). */
public record ActivateRequest(Optional<String> uniqueIdentifier) implements RequestPayload {
  public static ActivateRequest of(String uid) {
    return new ActivateRequest(Optional.of(uid));
  }

  static ActivateRequest read(Fields in) throws KmipException {
    return new ActivateRequest(in.optionalText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
  }
}
