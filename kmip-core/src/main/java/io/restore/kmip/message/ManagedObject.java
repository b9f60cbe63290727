package io.restore.kmip.message;

import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KeyFormatType;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.SecretDataType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A managed object as Register and Get carry it (KMIP 1.4 §2.2), kept as its structure so every
 * field round-trips, with builders and getters for the key block (§2.1.3) a server needs.
 */
public record ManagedObject(ObjectType type, Item.Structure structure) {
  public ManagedObject {
    if (!structure.tag().equals(tagOf(type))) {
      throw new IllegalArgumentException(structure.tag() + " does not hold a " + type);
    }
  }

  /**
   * SymmetricKey{KeyBlock{KeyFormatType Raw, KeyValue{KeyMaterial}, CryptographicAlgorithm,
   * CryptographicLength}}: the shape mongod reads (docs/design/mongod-kmip.md, Get reply).
   */
  public static ManagedObject symmetricKey(
      byte[] material, CryptographicAlgorithm algorithm, int lengthBits) {
    return new ManagedObject(
        ObjectType.SYMMETRIC_KEY,
        Item.Structure.of(
            Tag.SYMMETRIC_KEY, keyBlock(KeyFormatType.RAW, material, algorithm, lengthBits)));
  }

  /** SecretData{SecretDataType, KeyBlock{format, KeyValue{KeyMaterial}}} (libmongocrypt). */
  public static ManagedObject secretData(
      SecretDataType secretType, KeyFormatType format, byte[] material) {
    return new ManagedObject(
        ObjectType.SECRET_DATA,
        Item.Structure.of(
            Tag.SECRET_DATA,
            Item.Enumeration.of(Tag.SECRET_DATA_TYPE, secretType),
            keyBlock(format, material, null, 0)));
  }

  private static Item keyBlock(
      KeyFormatType format, byte[] material, CryptographicAlgorithm algorithm, int lengthBits) {
    Item keyValue = Item.Structure.of(Tag.KEY_VALUE, new Item.Bytes(Tag.KEY_MATERIAL, material));
    Item fmt = Item.Enumeration.of(Tag.KEY_FORMAT_TYPE, format);
    if (algorithm == null) return Item.Structure.of(Tag.KEY_BLOCK, fmt, keyValue);
    return Item.Structure.of(
        Tag.KEY_BLOCK,
        fmt,
        keyValue,
        Item.Enumeration.of(Tag.CRYPTOGRAPHIC_ALGORITHM, algorithm),
        new Item.Int(Tag.CRYPTOGRAPHIC_LENGTH, lengthBits));
  }

  /** The tag of the structure holding an object of this type (KMIP 1.4 §2.2). */
  public static Tag tagOf(ObjectType type) {
    switch (type) {
      case CERTIFICATE:
        return Tag.CERTIFICATE;
      case SYMMETRIC_KEY:
        return Tag.SYMMETRIC_KEY;
      case PUBLIC_KEY:
        return Tag.PUBLIC_KEY;
      case PRIVATE_KEY:
        return Tag.PRIVATE_KEY;
      case SPLIT_KEY:
        return Tag.SPLIT_KEY;
      case TEMPLATE:
        return Tag.TEMPLATE;
      case SECRET_DATA:
        return Tag.SECRET_DATA;
      case OPAQUE_DATA:
        return Tag.OPAQUE_OBJECT;
      case PGP_KEY:
        return Tag.PGP_KEY;
      case CERTIFICATE_REQUEST:
        return Tag.CERTIFICATE_REQUEST;
      default:
        throw new AssertionError(type);
    }
  }

  /** The Key Block, for key types and Secret Data. */
  public Optional<Item.Structure> keyBlock() {
    return structure.first(Tag.KEY_BLOCK).map(Item.Structure.class::cast);
  }

  public Optional<KeyFormatType> keyFormatType() {
    return keyBlock()
        .flatMap(b -> b.first(Tag.KEY_FORMAT_TYPE))
        .filter(i -> i instanceof Item.Enumeration)
        .flatMap(i -> KeyFormatType.fromCode(((Item.Enumeration) i).value()));
  }

  /**
   * Key Material when it is a plain Byte String inside Key Value (not wrapped, not transparent).
   */
  public Optional<byte[]> keyMaterial() {
    return keyBlock()
        .flatMap(b -> b.first(Tag.KEY_VALUE))
        .filter(v -> v instanceof Item.Structure)
        .flatMap(v -> ((Item.Structure) v).first(Tag.KEY_MATERIAL))
        .filter(m -> m instanceof Item.Bytes)
        .map(m -> ((Item.Bytes) m).value());
  }

  public Optional<CryptographicAlgorithm> cryptographicAlgorithm() {
    return keyBlock()
        .flatMap(b -> b.first(Tag.CRYPTOGRAPHIC_ALGORITHM))
        .filter(i -> i instanceof Item.Enumeration)
        .flatMap(i -> CryptographicAlgorithm.fromCode(((Item.Enumeration) i).value()));
  }

  public OptionalInt cryptographicLength() {
    Optional<Item> i = keyBlock().flatMap(b -> b.first(Tag.CRYPTOGRAPHIC_LENGTH));
    return i.isPresent() && i.get() instanceof Item.Int n
        ? OptionalInt.of(n.value())
        : OptionalInt.empty();
  }

  /** Reads the object structure that follows an Object Type in a payload. */
  static ManagedObject read(Fields in, ObjectType type) throws KmipException {
    return new ManagedObject(type, in.requiredStructure(tagOf(type)));
  }

  void write(TtlvWriter w) {
    w.item(structure);
  }

  @Override
  public String toString() {
    return "ManagedObject[" + type + ", redacted]";
  }
}
