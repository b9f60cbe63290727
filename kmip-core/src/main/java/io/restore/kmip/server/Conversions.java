package io.restore.kmip.server;

import io.restore.kmip.message.Attribute;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.object.AttributeValue;
import io.restore.kmip.object.ObjectException;
import io.restore.kmip.object.StoredAttribute;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.Tag;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/** Between the object store's values and the codec's items and errors. */
final class Conversions {
  private Conversions() {}

  static KmipException kmip(ObjectException e) {
    return new KmipException(e.reason(), e.getMessage(), e);
  }

  /** A stored attribute as the 1.x Attribute structure; the index is written only when above 0. */
  static Attribute toMessage(StoredAttribute a) {
    return new Attribute(
        a.name(),
        a.index() == 0 ? OptionalInt.empty() : OptionalInt.of(a.index()),
        toItem(Tag.ATTRIBUTE_VALUE, a.value()));
  }

  static Attribute toMessage(String name, int index, AttributeValue value) {
    return toMessage(new StoredAttribute(name, index, value));
  }

  static Item toItem(Tag tag, AttributeValue v) {
    if (v instanceof AttributeValue.Text t) {
      return new Item.Text(tag, t.value());
    }
    if (v instanceof AttributeValue.Int i) {
      return new Item.Int(tag, i.value());
    }
    if (v instanceof AttributeValue.LongInt l) {
      return new Item.LongInt(tag, l.value());
    }
    if (v instanceof AttributeValue.Enum e) {
      return new Item.Enumeration(tag, e.value());
    }
    if (v instanceof AttributeValue.Bool b) {
      return new Item.Bool(tag, b.value());
    }
    if (v instanceof AttributeValue.DateTime d) {
      return Item.DateTime.of(tag, d.value());
    }
    if (v instanceof AttributeValue.Interval i) {
      return new Item.Interval(tag, (int) i.seconds());
    }
    if (v instanceof AttributeValue.Bytes b) {
      return new Item.Bytes(tag, b.value());
    }
    if (v instanceof AttributeValue.Struct s) {
      List<Item> items = new ArrayList<>();
      for (AttributeValue.Field f : s.fields()) {
        items.add(toItem(new Tag(f.tag()), f.value()));
      }
      return new Item.Structure(tag, items);
    }
    throw new IllegalArgumentException("unknown attribute value " + v.getClass());
  }

  /**
   * A client's attribute value for the store.
   *
   * @throws KmipException Invalid Field for item types an attribute cannot hold (Big Integer)
   */
  static AttributeValue toValue(Item i) throws KmipException {
    if (i instanceof Item.Text t) {
      return new AttributeValue.Text(t.value());
    }
    if (i instanceof Item.Int n) {
      return new AttributeValue.Int(n.value());
    }
    if (i instanceof Item.LongInt n) {
      return new AttributeValue.LongInt(n.value());
    }
    if (i instanceof Item.Enumeration e) {
      return new AttributeValue.Enum(e.value());
    }
    if (i instanceof Item.Bool b) {
      return new AttributeValue.Bool(b.value());
    }
    if (i instanceof Item.DateTime d) {
      return new AttributeValue.DateTime(Instant.ofEpochSecond(d.epochSeconds()));
    }
    if (i instanceof Item.Interval n) {
      return new AttributeValue.Interval(n.unsignedSeconds());
    }
    if (i instanceof Item.Bytes b) {
      return new AttributeValue.Bytes(b.value());
    }
    if (i instanceof Item.Structure s) {
      List<AttributeValue.Field> fields = new ArrayList<>();
      for (Item child : s.items()) {
        fields.add(new AttributeValue.Field(child.tag().code(), toValue(child)));
      }
      return new AttributeValue.Struct(fields);
    }
    throw new KmipException(
        ResultReason.INVALID_FIELD, "attribute values of type " + i.type() + " are not supported");
  }

  static StoredAttribute toStore(Attribute a) throws KmipException {
    return new StoredAttribute(a.name(), a.index().orElse(0), toValue(a.value()));
  }
}
