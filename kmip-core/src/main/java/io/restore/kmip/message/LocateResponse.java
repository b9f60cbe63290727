package io.restore.kmip.message;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;
import java.util.OptionalInt;

/** Locate response (KMIP 1.4 §4.9): Located Items, Unique Identifier*. */
public record LocateResponse(OptionalInt locatedItems, List<String> uniqueIdentifiers)
    implements ResponsePayload {
  public LocateResponse {
    uniqueIdentifiers = List.copyOf(uniqueIdentifiers);
  }

  static LocateResponse read(Fields in) throws KmipException {
    return new LocateResponse(
        in.optionalInt(Tag.LOCATED_ITEMS), in.repeatedText(Tag.UNIQUE_IDENTIFIER));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    if (locatedItems.isPresent()) w.integer(Tag.LOCATED_ITEMS, locatedItems.getAsInt());
    for (String u : uniqueIdentifiers) w.text(Tag.UNIQUE_IDENTIFIER, u);
  }
}
