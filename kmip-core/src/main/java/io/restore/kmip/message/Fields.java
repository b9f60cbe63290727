package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.ItemType;
import io.restore.kmip.ttlv.KmipEnum;
import io.restore.kmip.ttlv.Tag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.IntFunction;

/**
 * Reads a structure's items in the specification's order (docs/design/style.md 1.4): each call
 * takes the next item if it has the asked tag; {@link #end} rejects whatever is left. Errors are
 * Invalid Message and name the item and where it was found.
 */
public final class Fields {
  private final List<Item> items;
  private final String where;
  private int next;

  private Fields(List<Item> items, String where) {
    this.items = items;
    this.where = where;
  }

  public static Fields of(Item.Structure s, String where) {
    return new Fields(s.items(), where);
  }

  /** Whether the next item has this tag. */
  public boolean at(Tag tag) {
    return next < items.size() && items.get(next).tag().equals(tag);
  }

  public Optional<Item> optional(Tag tag) {
    return at(tag) ? Optional.of(items.get(next++)) : Optional.empty();
  }

  public Item required(Tag tag) throws KmipException {
    if (!at(tag)) {
      throw KmipException.invalidMessage(
          "%s: expected %s, found %s",
          where, tag, next < items.size() ? items.get(next).tag() : "the end");
    }
    return items.get(next++);
  }

  public List<Item> repeated(Tag tag) {
    var out = new ArrayList<Item>();
    while (at(tag)) out.add(items.get(next++));
    return out;
  }

  /** Every item not read yet, in order. */
  public List<Item> remaining() {
    var out = new ArrayList<>(items.subList(next, items.size()));
    next = items.size();
    return out;
  }

  /** Rejects leftovers: "unexpected CryptographicLength in Request Payload of Get". */
  public void end() throws KmipException {
    if (next < items.size()) {
      throw KmipException.invalidMessage("unexpected %s in %s", items.get(next).tag(), where);
    }
  }

  public String requiredText(Tag tag) throws KmipException {
    return text(required(tag));
  }

  public Optional<String> optionalText(Tag tag) throws KmipException {
    return at(tag) ? Optional.of(text(items.get(next++))) : Optional.empty();
  }

  public List<String> repeatedText(Tag tag) throws KmipException {
    var out = new ArrayList<String>();
    while (at(tag)) out.add(text(items.get(next++)));
    return out;
  }

  public int requiredInt(Tag tag) throws KmipException {
    return integer(required(tag));
  }

  public OptionalInt optionalInt(Tag tag) throws KmipException {
    return at(tag) ? OptionalInt.of(integer(items.get(next++))) : OptionalInt.empty();
  }

  public byte[] requiredBytes(Tag tag) throws KmipException {
    return bytes(required(tag));
  }

  public Optional<byte[]> optionalBytes(Tag tag) throws KmipException {
    return at(tag) ? Optional.of(bytes(items.get(next++))) : Optional.empty();
  }

  public Optional<Boolean> optionalBool(Tag tag) throws KmipException {
    if (!at(tag)) return Optional.empty();
    Item i = items.get(next++);
    if (i instanceof Item.Bool b) return Optional.of(b.value());
    throw wrongType(i, ItemType.BOOLEAN);
  }

  public Optional<Long> optionalDateTime(Tag tag) throws KmipException {
    if (!at(tag)) return Optional.empty();
    Item i = items.get(next++);
    if (i instanceof Item.DateTime d) return Optional.of(d.epochSeconds());
    throw wrongType(i, ItemType.DATE_TIME);
  }

  public Item.Structure requiredStructure(Tag tag) throws KmipException {
    return structure(required(tag));
  }

  public Optional<Item.Structure> optionalStructure(Tag tag) throws KmipException {
    return at(tag) ? Optional.of(structure(items.get(next++))) : Optional.empty();
  }

  public List<Item.Structure> repeatedStructure(Tag tag) throws KmipException {
    var out = new ArrayList<Item.Structure>();
    while (at(tag)) out.add(structure(items.get(next++)));
    return out;
  }

  public <E extends KmipEnum> E requiredEnum(Tag tag, IntFunction<Optional<E>> byCode)
      throws KmipException {
    return enumeration(required(tag), byCode);
  }

  public <E extends KmipEnum> Optional<E> optionalEnum(Tag tag, IntFunction<Optional<E>> byCode)
      throws KmipException {
    return at(tag) ? Optional.of(enumeration(items.get(next++), byCode)) : Optional.empty();
  }

  public <E extends KmipEnum> List<E> repeatedEnum(Tag tag, IntFunction<Optional<E>> byCode)
      throws KmipException {
    var out = new ArrayList<E>();
    while (at(tag)) out.add(enumeration(items.get(next++), byCode));
    return out;
  }

  private <E> E enumeration(Item i, IntFunction<Optional<E>> byCode) throws KmipException {
    if (!(i instanceof Item.Enumeration e)) throw wrongType(i, ItemType.ENUMERATION);
    return byCode
        .apply(e.value())
        .orElseThrow(
            () ->
                KmipException.invalidMessage(
                    "%s: unknown %s value 0x%08X", where, i.tag(), e.value()));
  }

  private String text(Item i) throws KmipException {
    if (i instanceof Item.Text t) return t.value();
    throw wrongType(i, ItemType.TEXT_STRING);
  }

  private int integer(Item i) throws KmipException {
    if (i instanceof Item.Int n) return n.value();
    throw wrongType(i, ItemType.INTEGER);
  }

  private byte[] bytes(Item i) throws KmipException {
    if (i instanceof Item.Bytes b) return b.value();
    throw wrongType(i, ItemType.BYTE_STRING);
  }

  private Item.Structure structure(Item i) throws KmipException {
    if (i instanceof Item.Structure s) return s;
    throw wrongType(i, ItemType.STRUCTURE);
  }

  private KmipException wrongType(Item i, ItemType expected) {
    return KmipException.invalidMessage(
        "%s: %s is a %s, expected %s", where, i.tag(), i.type().xmlName(), expected.xmlName());
  }
}
