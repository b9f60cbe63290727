package io.restore.kmip.message;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.KmipNames;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A list of attributes as a payload carries them, in one of three wire forms: a KMIP 1.x Template
 * Attribute structure, bare KMIP 1.x Attribute items, or a KMIP 2.x Attributes structure whose
 * items are the attributes themselves (each 2.x item is presented as an {@link Attribute} named by
 * its tag's spec name, so callers see one shape).
 */
public record Attributes(Form form, List<Attribute> list) {
  /** How the list is written. */
  public enum Form {
    TEMPLATE_ATTRIBUTE,
    BARE,
    ATTRIBUTES
  }

  public Attributes {
    list = List.copyOf(list);
  }

  /** A KMIP 1.x Template Attribute. */
  public static Attributes template(List<Attribute> list) {
    return new Attributes(Form.TEMPLATE_ATTRIBUTE, list);
  }

  /** The first attribute with this name. */
  public Optional<Attribute> find(String name) {
    return list.stream().filter(a -> a.name().equals(name)).findFirst();
  }

  /** Reads a Template Attribute or (KMIP 2.x) Attributes structure, whichever is next. */
  static Optional<Attributes> readContainer(Fields in) throws KmipException {
    Optional<Item.Structure> t = in.optionalStructure(Tag.TEMPLATE_ATTRIBUTE);
    if (t.isPresent()) {
      Fields f = Fields.of(t.get(), "Template Attribute");
      if (f.at(Tag.NAME)) {
        throw KmipException.invalidMessage("Template Attribute: named templates are not supported");
      }
      var list = Attribute.readAll(f.repeatedStructure(Tag.ATTRIBUTE));
      f.end();
      return Optional.of(new Attributes(Form.TEMPLATE_ATTRIBUTE, list));
    }
    Optional<Item.Structure> a = in.optionalStructure(Tag.ATTRIBUTES);
    if (a.isPresent()) {
      var list = new ArrayList<Attribute>();
      for (Item i : a.get().items()) {
        String name = KmipNames.specName(i.tag()).orElse(i.tag().toString());
        list.add(new Attribute(name, OptionalInt.empty(), i));
      }
      return Optional.of(new Attributes(Form.ATTRIBUTES, list));
    }
    return Optional.empty();
  }

  static Attributes readBare(Fields in) throws KmipException {
    return new Attributes(Form.BARE, Attribute.readAll(in.repeatedStructure(Tag.ATTRIBUTE)));
  }

  void write(TtlvWriter w) {
    switch (form) {
      case TEMPLATE_ATTRIBUTE:
        int t = w.begin(Tag.TEMPLATE_ATTRIBUTE);
        for (Attribute a : list) a.write(w);
        w.end(t);
        break;
      case BARE:
        for (Attribute a : list) a.write(w);
        break;
      case ATTRIBUTES:
        int m = w.begin(Tag.ATTRIBUTES);
        for (Attribute a : list) w.item(Attribute.retag(a.value(), tagOf(a.name())));
        w.end(m);
        break;
      default:
        throw new AssertionError(form);
    }
  }

  private static Tag tagOf(String name) {
    return KmipNames.tagForAttributeName(name).orElseGet(() -> new Tag(Integer.decode(name)));
  }
}
