package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;

/**
 * Get Attribute List response (KMIP 1.4 §4.13): Unique Identifier, Attribute Name* (2.x: Attribute
 * Reference*, kept as items).
 */
public record GetAttributeListResponse(
    String uniqueIdentifier, List<String> attributeNames, List<Item> attributeReferences)
    implements ResponsePayload {
  public GetAttributeListResponse {
    attributeNames = List.copyOf(attributeNames);
    attributeReferences = List.copyOf(attributeReferences);
  }

  public static GetAttributeListResponse of(String uid, List<String> names) {
    return new GetAttributeListResponse(uid, names, List.of());
  }

  static GetAttributeListResponse read(Fields in) throws KmipException {
    return new GetAttributeListResponse(
        in.requiredText(Tag.UNIQUE_IDENTIFIER),
        in.repeatedText(Tag.ATTRIBUTE_NAME),
        in.repeated(Tag.ATTRIBUTE_REFERENCE));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    for (String n : attributeNames) w.text(Tag.ATTRIBUTE_NAME, n);
    for (Item r : attributeReferences) w.item(r);
  }
}
