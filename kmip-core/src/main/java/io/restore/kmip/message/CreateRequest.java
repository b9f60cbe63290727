package io.restore.kmip.message;

import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;

/** Create request (KMIP 1.4 §4.1): Object Type, Template Attribute (2.x: Attributes). */
public record CreateRequest(ObjectType objectType, Attributes attributes)
    implements RequestPayload {
  static CreateRequest read(Fields in) throws KmipException {
    ObjectType type = in.requiredEnum(Tag.OBJECT_TYPE, ObjectType::fromCode);
    Attributes attrs =
        Attributes.readContainer(in)
            .orElseThrow(() -> KmipException.invalidMessage("Create: expected TemplateAttribute"));
    return new CreateRequest(type, attrs);
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.enumeration(Tag.OBJECT_TYPE, objectType);
    attributes.write(w);
  }
}
