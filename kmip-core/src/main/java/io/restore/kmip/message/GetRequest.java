package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KeyCompressionType;
import io.restore.kmip.ttlv.KeyFormatType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;

/**
 * Get request (KMIP 1.4 §4.11): Unique Identifier, Key Format Type, Key Wrap Type, Key Compression
 * Type, Key Wrapping Specification. mongod sends the identifier only.
 */
public record GetRequest(
    Optional<String> uniqueIdentifier,
    Optional<KeyFormatType> keyFormatType,
    Optional<Item> keyWrapType,
    Optional<KeyCompressionType> keyCompressionType,
    Optional<Item.Structure> keyWrappingSpecification)
    implements RequestPayload {
  public static GetRequest of(String uid) {
    return new GetRequest(
        Optional.of(uid), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  static GetRequest read(Fields in) throws KmipException {
    return new GetRequest(
        in.optionalText(Tag.UNIQUE_IDENTIFIER),
        in.optionalEnum(Tag.KEY_FORMAT_TYPE, KeyFormatType::fromCode),
        in.optional(Tag.KEY_WRAP_TYPE),
        in.optionalEnum(Tag.KEY_COMPRESSION_TYPE, KeyCompressionType::fromCode),
        in.optionalStructure(Tag.KEY_WRAPPING_SPECIFICATION));
  }

  @Override
  public void writeFields(TtlvWriter w) {
    uniqueIdentifier.ifPresent(u -> w.text(Tag.UNIQUE_IDENTIFIER, u));
    keyFormatType.ifPresent(f -> w.enumeration(Tag.KEY_FORMAT_TYPE, f));
    keyWrapType.ifPresent(w::item);
    keyCompressionType.ifPresent(c -> w.enumeration(Tag.KEY_COMPRESSION_TYPE, c));
    keyWrappingSpecification.ifPresent(w::item);
  }
}
