package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;
import java.util.Optional;

/**
 * Get Attributes request (KMIP 1.4 §4.12): Unique Identifier, Attribute Name* (KMIP 2.x: Attribute
 * Reference*, kept as items). mongod asks for "State" only.
 */
public record GetAttributesRequest(
    Optional<String> uniqueIdentifier, List<String> attributeNames, List<Item> attributeReferences)
    implements RequestPayload {
  public GetAttributesRequest {
    attributeNames = List.copyOf(attributeNames);
    attributeReferences = List.copyOf(attributeReferences);
  }

  public static GetAttributesRequest of(String uid, String... names) {
    return new GetAttributesRequest(Optional.of(uid), List.of(names), List.of());
  }

  static GetAttributesRequest read(Fields in) throws KmipException {
    return new GetAttributesRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        in.repeatedText(Tag.ATTRIBUTE_NAME),
        in.repeated(Tag.ATTRIBUTE_REFERENCE));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    for (String n : attributeNames) w.text(Tag.ATTRIBUTE_NAME, n);
    for (Item r : attributeReferences) w.item(r);
  }
}
