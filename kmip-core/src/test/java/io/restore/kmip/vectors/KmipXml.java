package io.restore.kmip.vectors;

import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.ItemType;
import io.restore.kmip.ttlv.KmipNames;
import io.restore.kmip.ttlv.Tag;
import java.io.InputStream;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Reads the KMIP XML encoding (KMIP Profiles §5.4) of the OASIS test cases into item trees.
 * Placeholders are substituted: {@code $NOW} (±seconds) is a fixed instant, other {@code $NAME}
 * values in Byte Strings become the name's ASCII bytes; text placeholders stay text.
 */
public final class KmipXml {
  /** The instant $NOW stands for. */
  static final long NOW = 1_700_000_000L;

  private KmipXml() {}

  /** Every RequestMessage and ResponseMessage element, in document order. */
  public static List<Element> messages(InputStream xml) throws Exception {
    var f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Element root = f.newDocumentBuilder().parse(xml).getDocumentElement();
    var out = new ArrayList<Element>();
    collect(root, out);
    return out;
  }

  private static void collect(Element e, List<Element> out) {
    String n = e.getTagName();
    if (n.equals("RequestMessage") || n.equals("ResponseMessage")) {
      out.add(e);
      return;
    }
    for (Element c : children(e)) collect(c, out);
  }

  /**
   * Converts one element (and its children) to an item; throws IllegalArgumentException why not.
   */
  public static Item item(Element e) {
    return item(e, null);
  }

  private static Item item(Element e, Element parent) {
    Tag tag = tagOf(e);
    String type = e.getAttribute("type");
    String v = e.getAttribute("value");
    if (type.isEmpty() || type.equals("Structure")) {
      var items = new ArrayList<Item>();
      for (Element c : children(e)) items.add(item(c, e));
      return new Item.Structure(tag, items);
    }
    switch (type) {
      case "Integer":
        return new Item.Int(tag, integerOrMask(tag, v, e, parent));
      case "LongInteger":
        return new Item.LongInt(tag, parseLong(v));
      case "BigInteger":
        return new Item.BigInt(tag, padBig(hex(v)));
      case "Enumeration":
        return new Item.Enumeration(tag, enumeration(tag, v, parent));
      case "Boolean":
        return new Item.Bool(
            tag, v.equals("true") || v.equals("1") || v.equals("0x0000000000000001"));
      case "TextString":
        return new Item.Text(tag, v);
      case "ByteString":
        return new Item.Bytes(
            tag,
            v.startsWith("$") ? v.getBytes(java.nio.charset.StandardCharsets.US_ASCII) : hex(v));
      case "DateTime":
        return new Item.DateTime(tag, dateTime(v));
      case "Interval":
        return new Item.Interval(tag, (int) parseLong(v));
      case "DateTimeExtended":
        return new Item.DateTimeExtended(tag, parseLong(v));
      default:
        throw new IllegalArgumentException("unknown type " + type + " on " + e.getTagName());
    }
  }

  private static Tag tagOf(Element e) {
    String hexTag = e.getAttribute("tag");
    if (!hexTag.isEmpty()) return new Tag(Integer.decode(hexTag));
    return KmipNames.tagNamed(e.getTagName())
        .orElseThrow(() -> new IllegalArgumentException("unknown tag name " + e.getTagName()));
  }

  /** The enumeration table for an item: its own tag's, or for an Attribute Value its name's. */
  private static Optional<String> table(Tag tag, Element parent) {
    if (tag.equals(Tag.ATTRIBUTE_VALUE) && parent != null) {
      for (Element s : children(parent)) {
        if (s.getTagName().equals("AttributeName")) {
          return KmipNames.tagForAttributeName(s.getAttribute("value"))
              .flatMap(KmipNames::enumTableOf);
        }
      }
    }
    return KmipNames.enumTableOf(tag);
  }

  private static int enumeration(Tag tag, String v, Element parent) {
    if (v.startsWith("0x")) return (int) Long.parseLong(v.substring(2), 16);
    if (tag.equals(Tag.ATTRIBUTE_REFERENCE) || tag.equals(Tag.TAG)) {
      return KmipNames.tagNamed(v)
          .orElseThrow(() -> new IllegalArgumentException("unknown tag name " + v))
          .code();
    }
    String t =
        table(tag, parent)
            .orElseThrow(() -> new IllegalArgumentException("no enumeration table for " + tag));
    OptionalInt code = KmipNames.enumCode(t, v);
    if (code.isEmpty()) throw new IllegalArgumentException("unknown " + t + " value " + v);
    return code.getAsInt();
  }

  private static int integerOrMask(Tag tag, String v, Element e, Element parent) {
    String s = v.trim();
    if (s.matches("-?[0-9]+") || s.startsWith("0x")) return (int) parseLong(s);
    String t =
        table(tag, parent)
            .orElseThrow(() -> new IllegalArgumentException("no mask table for " + tag + ": " + v));
    int mask = 0;
    for (String name : s.split("[\\s|]+")) {
      if (name.startsWith("0x")) {
        mask |= (int) Long.parseLong(name.substring(2), 16);
        continue;
      }
      OptionalInt bit = KmipNames.enumCode(t, name);
      if (bit.isEmpty()) throw new IllegalArgumentException("unknown " + t + " bit " + name);
      mask |= bit.getAsInt();
    }
    return mask;
  }

  private static long parseLong(String v) {
    return v.startsWith("0x") ? Long.parseUnsignedLong(v.substring(2), 16) : Long.parseLong(v);
  }

  private static long dateTime(String v) {
    if (v.startsWith("$NOW")) {
      return NOW + (v.length() > 4 ? Long.parseLong(v.substring(4).replace("+", "")) : 0);
    }
    if (v.startsWith("0x")) return Long.parseUnsignedLong(v.substring(2), 16);
    return OffsetDateTime.parse(v).toEpochSecond();
  }

  private static byte[] hex(String v) {
    String s = v.startsWith("0x") ? v.substring(2) : v;
    return HexFormat.of().parseHex(s.length() % 2 == 0 ? s : "0" + s);
  }

  private static byte[] padBig(byte[] b) {
    int n = ItemType.padded(Math.max(b.length, 1));
    if (n == b.length) return b;
    byte[] out = new byte[n];
    if (b.length > 0 && b[0] < 0) java.util.Arrays.fill(out, 0, n - b.length, (byte) 0xFF);
    System.arraycopy(b, 0, out, n - b.length, b.length);
    return out;
  }

  static List<Element> children(Element e) {
    var out = new ArrayList<Element>();
    for (Node n = e.getFirstChild(); n != null; n = n.getNextSibling()) {
      if (n instanceof Element c) out.add(c);
    }
    return out;
  }
}
