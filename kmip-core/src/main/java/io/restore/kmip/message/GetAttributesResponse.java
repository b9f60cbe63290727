package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;

/**
 * Get Attributes response (KMIP 1.4 §4.12): Unique Identifier, then the attributes (bare Attribute
 * items in 1.x, an Attributes structure in 2.x).
 */
public record GetAttributesResponse(String uniqueIdentifier, Attributes attributes)
    implements ResponsePayload {
  /** The KMIP 1.x form mongod reads: UniqueIdentifier, Attribute*. */
  public static GetAttributesResponse of(String uid, List<Attribute> attributes) {
    return new GetAttributesResponse(uid, new Attributes(Attributes.Form.BARE, attributes));
  }

  static GetAttributesResponse read(Fields in) throws KmipException {
    String uid = in.requiredText(Tag.UNIQUE_IDENTIFIER);
    Attributes attrs = Attributes.readContainer(in).orElse(null);
    return new GetAttributesResponse(uid, attrs != null ? attrs : Attributes.readBare(in));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    attributes.write(w);
  }
}
