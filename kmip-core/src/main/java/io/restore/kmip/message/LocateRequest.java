package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Locate request (KMIP 1.4 §4.9): Maximum Items, Offset Items, Storage Status Mask, Object Group
 * Member, Attribute* (2.x: an Attributes structure).
 */
public record LocateRequest(
    OptionalInt maximumItems,
    OptionalInt offsetItems,
    OptionalInt storageStatusMask,
    Optional<Item> objectGroupMember,
    Attributes attributes)
    implements RequestPayload {
  static LocateRequest read(Fields in) throws KmipException {
    OptionalInt max = in.optionalInt(Tag.MAXIMUM_ITEMS);
    OptionalInt offset = in.optionalInt(Tag.OFFSET_ITEMS);
    OptionalInt mask = in.optionalInt(Tag.STORAGE_STATUS_MASK);
    Optional<Item> group = in.optional(Tag.OBJECT_GROUP_MEMBER);
    Attributes attrs = Attributes.readContainer(in).orElse(null);
    return new LocateRequest(
        max, offset, mask, group, attrs != null ? attrs : Attributes.readBare(in));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    if (maximumItems.isPresent()) w.integer(Tag.MAXIMUM_ITEMS, maximumItems.getAsInt());
    if (offsetItems.isPresent()) w.integer(Tag.OFFSET_ITEMS, offsetItems.getAsInt());
    if (storageStatusMask.isPresent())
      w.integer(Tag.STORAGE_STATUS_MASK, storageStatusMask.getAsInt());
    objectGroupMember.ifPresent(w::item);
    attributes.write(w);
  }
}
