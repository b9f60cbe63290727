package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Modify Attribute request (KMIP 1.4 §4): Unique Identifier, Attribute (1.x form). */
public record ModifyAttributeRequest(Optional<String> uniqueIdentifier, Attribute attribute)
    implements RequestPayload {
  static ModifyAttributeRequest read(Fields in) throws KmipException {
    return new ModifyAttributeRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        Attribute.read(in.requiredStructure(Tag.ATTRIBUTE)));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    attribute.write(w);
  }
}
