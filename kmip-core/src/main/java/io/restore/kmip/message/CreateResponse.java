package io.restore.kmip.message;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Create response (KMIP 1.4 §4.1): Object Type, then Unique Identifier (mongod reads this order).
 */
public record CreateResponse(
    ObjectType objectType, String uniqueIdentifier, Optional<Attributes> templateAttribute)
    implements ResponsePayload {
  public static CreateResponse of(ObjectType type, String uid) {
    return new CreateResponse(type, uid, Optional.empty());
  }

  static CreateResponse read(Fields in) throws KmipException {
    return new CreateResponse(
        in.requiredEnum(Tag.OBJECT_TYPE, ObjectType::fromCode),
        in.requiredText(Tag.UNIQUE_IDENTIFIER),
        Attributes.readContainer(in));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.enumeration(Tag.OBJECT_TYPE, objectType);
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    templateAttribute.ifPresent(a -> a.write(w));
  }
}
