package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.List;
import java.util.Optional;

/**
 * Query response (KMIP 1.4 §4.25): Operation*, Object Type*, Vendor Identification, Server
 * Information, then the later 1.x/2.x fields (namespaces, extensions, profiles...) kept as items.
 */
public record QueryResponse(
    List<Operation> operations,
    List<ObjectType> objectTypes,
    Optional<String> vendorIdentification,
    Optional<Item.Structure> serverInformation,
    List<Item> rest)
    implements ResponsePayload {
  public QueryResponse {
    operations = List.copyOf(operations);
    objectTypes = List.copyOf(objectTypes);
    rest = List.copyOf(rest);
  }

  public static QueryResponse of(
      List<Operation> operations, List<ObjectType> objectTypes, String vendor) {
    return new QueryResponse(
        operations, objectTypes, Optional.of(vendor), Optional.empty(), List.of());
  }

  static QueryResponse read(Fields in) throws KmipException {
    return new QueryResponse(
        in.repeatedEnum(Tag.OPERATION, Operation::fromCode),
        in.repeatedEnum(Tag.OBJECT_TYPE, ObjectType::fromCode),
        in.optionalText(Tag.VENDOR_IDENTIFICATION),
        in.optionalStructure(Tag.SERVER_INFORMATION),
        in.remaining());
  }

  @Override
  public void writeFields(TtlvWriter w) {
    for (Operation o : operations) w.enumeration(Tag.OPERATION, o);
    for (ObjectType t : objectTypes) w.enumeration(Tag.OBJECT_TYPE, t);
    vendorIdentification.ifPresent(v -> w.text(Tag.VENDOR_IDENTIFICATION, v));
    serverInformation.ifPresent(w::item);
    for (Item i : rest) w.item(i);
  }
}
