package io.restore.kmip.message;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Register request (KMIP 1.4 §4.3): Object Type, Template Attribute (2.x: Attributes), object. */
public record RegisterRequest(ObjectType objectType, Attributes attributes, ManagedObject object)
    implements RequestPayload {
  static RegisterRequest read(Fields in) throws KmipException {
    ObjectType type = in.requiredEnum(Tag.OBJECT_TYPE, ObjectType::fromCode);
    Attributes attrs =
        Attributes.readContainer(in)
            .orElseThrow(
                () -> KmipException.invalidMessage("Register: expected TemplateAttribute"));
    return new RegisterRequest(type, attrs, ManagedObject.read(in, type));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.enumeration(Tag.OBJECT_TYPE, objectType);
    attributes.write(w);
    object.write(w);
  }
}
