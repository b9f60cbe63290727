package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Delete Attribute request (KMIP 1.4 §4.16): Unique Identifier, Attribute Name, Attribute Index.
 */
public record DeleteAttributeRequest(
    Optional<String> uniqueIdentifier, String attributeName, OptionalInt attributeIndex)
    implements RequestPayload {
  static DeleteAttributeRequest read(Fields in) throws KmipException {
    return new DeleteAttributeRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        in.requiredText(Tag.ATTRIBUTE_NAME),
        in.optionalInt(Tag.ATTRIBUTE_INDEX));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    w.text(Tag.ATTRIBUTE_NAME, attributeName);
    if (attributeIndex.isPresent()) w.integer(Tag.ATTRIBUTE_INDEX, attributeIndex.getAsInt());
  }
}
