package io.restore.kmip.message;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Get response (KMIP 1.4 §4.11): Object Type, Unique Identifier, the object. */
public record GetResponse(ObjectType objectType, String uniqueIdentifier, ManagedObject object)
    implements ResponsePayload {
  public static GetResponse of(String uid, ManagedObject object) {
    return new GetResponse(object.type(), uid, object);
  }

  static GetResponse read(Fields in) throws KmipException {
    ObjectType type = in.requiredEnum(Tag.OBJECT_TYPE, ObjectType::fromCode);
    return new GetResponse(
        type, in.requiredText(Tag.UNIQUE_IDENTIFIER), ManagedObject.read(in, type));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.enumeration(Tag.OBJECT_TYPE, objectType);
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    object.write(w);
  }
}
