package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Add Attribute response (KMIP 1.4 §4): Unique Identifier, Attribute (1.x form). */
public record AddAttributeResponse(String uniqueIdentifier, Optional<Attribute> attribute)
    implements ResponsePayload {
  public static AddAttributeResponse of(String uid, Attribute attribute) {
    return new AddAttributeResponse(uid, Optional.of(attribute));
  }

  static AddAttributeResponse read(Fields in) throws KmipException {
    String uid = in.requiredText(Tag.UNIQUE_IDENTIFIER);
    Optional<Item.Structure> a = in.optionalStructure(Tag.ATTRIBUTE);
    return new AddAttributeResponse(
        uid, a.isPresent() ? Optional.of(Attribute.read(a.get())) : Optional.empty());
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    attribute.ifPresent(a -> a.write(w));
  }
}
