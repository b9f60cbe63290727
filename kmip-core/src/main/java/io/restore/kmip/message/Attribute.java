package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KmipEnum;
import io.restore.kmip.ttlv.NameType;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A KMIP 1.x Attribute (KMIP 1.4 §2.1.1): Attribute Name, Attribute Index, Attribute Value. The
 * value is an item tagged Attribute Value ("Cryptographic Algorithm" → Enumeration AES).
 */
public record Attribute(String name, OptionalInt index, Item value) {
  public Attribute {
    if (!value.tag().equals(Tag.ATTRIBUTE_VALUE)) value = retag(value, Tag.ATTRIBUTE_VALUE);
  }

  public static Attribute text(String name, String value) {
    return new Attribute(name, OptionalInt.empty(), new Item.Text(Tag.ATTRIBUTE_VALUE, value));
  }

  public static Attribute integer(String name, int value) {
    return new Attribute(name, OptionalInt.empty(), new Item.Int(Tag.ATTRIBUTE_VALUE, value));
  }

  public static Attribute enumeration(String name, KmipEnum value) {
    return new Attribute(
        name, OptionalInt.empty(), new Item.Enumeration(Tag.ATTRIBUTE_VALUE, value.code()));
  }

  public static Attribute dateTime(String name, long epochSeconds) {
    return new Attribute(
        name, OptionalInt.empty(), new Item.DateTime(Tag.ATTRIBUTE_VALUE, epochSeconds));
  }

  /** The Name attribute: {Name Value, Name Type} (KMIP 1.4 §3.2). */
  public static Attribute name(String value, NameType type) {
    return new Attribute(
        "Name",
        OptionalInt.empty(),
        Item.Structure.of(
            Tag.ATTRIBUTE_VALUE,
            new Item.Text(Tag.NAME_VALUE, value),
            new Item.Enumeration(Tag.NAME_TYPE, type.code())));
  }

  /** The value as an Integer or Enumeration code, if it is one. */
  public OptionalInt intValue() {
    if (value instanceof Item.Int i) return OptionalInt.of(i.value());
    if (value instanceof Item.Enumeration e) return OptionalInt.of(e.value());
    return OptionalInt.empty();
  }

  /** The value as a Text String, if it is one. */
  public Optional<String> textValue() {
    return value instanceof Item.Text t ? Optional.of(t.value()) : Optional.empty();
  }

  static Attribute read(Item.Structure s) throws KmipException {
    Fields in = Fields.of(s, "Attribute");
    String name = in.requiredText(Tag.ATTRIBUTE_NAME);
    OptionalInt index = in.optionalInt(Tag.ATTRIBUTE_INDEX);
    // KMIP 1.4 §2.1.1: the value is required except in Delete Attribute / Get responses' echo.
    Item value = in.optional(Tag.ATTRIBUTE_VALUE).orElse(null);
    in.end();
    if (value == null) {
      throw KmipException.invalidMessage("Attribute %s has no Attribute Value", name);
    }
    return new Attribute(name, index, value);
  }

  void write(TtlvWriter w) {
    int mark = w.begin(Tag.ATTRIBUTE);
    w.text(Tag.ATTRIBUTE_NAME, name);
    if (index.isPresent()) w.integer(Tag.ATTRIBUTE_INDEX, index.getAsInt());
    w.item(value);
    w.end(mark);
  }

  /** The same item under another tag (structures keep their children). */
  static Item retag(Item i, Tag t) {
    if (i instanceof Item.Structure s) return new Item.Structure(t, s.items());
    if (i instanceof Item.Int v) return new Item.Int(t, v.value());
    if (i instanceof Item.LongInt v) return new Item.LongInt(t, v.value());
    if (i instanceof Item.BigInt v) return new Item.BigInt(t, v.bytes());
    if (i instanceof Item.Enumeration v) return new Item.Enumeration(t, v.value());
    if (i instanceof Item.Bool v) return new Item.Bool(t, v.value());
    if (i instanceof Item.Text v) return new Item.Text(t, v.value());
    if (i instanceof Item.Bytes v) return new Item.Bytes(t, v.value());
    if (i instanceof Item.DateTime v) return new Item.DateTime(t, v.epochSeconds());
    if (i instanceof Item.Interval v) return new Item.Interval(t, v.seconds());
    if (i instanceof Item.DateTimeExtended v) return new Item.DateTimeExtended(t, v.epochMicros());
    throw new IllegalArgumentException(i.toString());
  }

  static List<Attribute> readAll(List<Item.Structure> items) throws KmipException {
    var out = new ArrayList<Attribute>();
    for (Item.Structure s : items) out.add(read(s));
    return out;
  }
}
