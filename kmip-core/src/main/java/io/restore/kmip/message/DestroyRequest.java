package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Destroy request (KMIP 1.4 §4): Unique Identifier (absent: the ID Placeholder). */
public record DestroyRequest(Optional<String> uniqueIdentifier) implements RequestPayload {
  public static DestroyRequest of(String uid) {
    return new DestroyRequest(Optional.of(uid));
  }

  static DestroyRequest read(Fields in) throws KmipException {
    return new DestroyRequest(in.optionalText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
  }
}
