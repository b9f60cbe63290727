package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/** Register response (KMIP 1.4 §4.3): Unique Identifier, optional Template Attribute. */
public record RegisterResponse(String uniqueIdentifier, Optional<Attributes> templateAttribute)
    implements ResponsePayload {
  public static RegisterResponse of(String uid) {
    return new RegisterResponse(uid, Optional.empty());
  }

  static RegisterResponse read(Fields in) throws KmipException {
    return new RegisterResponse(
        in.requiredText(Tag.UNIQUE_IDENTIFIER), Attributes.readContainer(in));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    w.text(Tag.UNIQUE_IDENTIFIER, uniqueIdentifier);
    templateAttribute.ifPresent(a -> a.write(w));
  }
}
