package io.restore.kmip.ttlv;

import java.time.Instant;
import java.util.HexFormat;

/**
 * A readable, indented dump of an item tree for logs and tests. Byte String values are redacted
 * unless asked for (docs/design/reliability.md row 7): a request dump may hold key material.
 */
public final class TtlvPrinter {
  private final boolean revealBytes;

  private TtlvPrinter(boolean revealBytes) {
    this.revealBytes = revealBytes;
  }

  /** Prints Byte Strings as their length only. */
  public static String redacted(Item item) {
    return new TtlvPrinter(false).print(item);
  }

  /** Prints Byte Strings in hex: for tests and vectors only, never for logs. */
  public static String revealing(Item item) {
    return new TtlvPrinter(true).print(item);
  }

  private String print(Item item) {
    var s = new StringBuilder();
    line(s, item, 0);
    return s.toString();
  }

  private void line(StringBuilder s, Item item, int depth) {
    s.append("  ".repeat(depth)).append(item.tag());
    if (item instanceof Item.Structure st) {
      s.append('\n');
      for (Item child : st.items()) line(s, child, depth + 1);
      return;
    }
    s.append(' ').append(item.type().xmlName()).append(' ').append(value(item)).append('\n');
  }

  private String value(Item item) {
    if (item instanceof Item.Int i) {
      return Integer.toString(i.value());
    } else if (item instanceof Item.LongInt l) {
      return Long.toString(l.value());
    } else if (item instanceof Item.BigInt b) {
      return revealBytes ? b.value().toString() : "<" + b.bytes().length + " bytes redacted>";
    } else if (item instanceof Item.Enumeration e) {
      return KmipNames.enumTableOf(e.tag())
          .flatMap(t -> KmipNames.enumName(t, e.value()))
          .orElse(String.format("0x%08X", e.value()));
    } else if (item instanceof Item.Bool b) {
      return Boolean.toString(b.value());
    } else if (item instanceof Item.Text t) {
      return '"' + t.value() + '"';
    } else if (item instanceof Item.Bytes b) {
      return revealBytes
          ? HexFormat.of().formatHex(b.value())
          : "<" + b.value().length + " bytes redacted>";
    } else if (item instanceof Item.DateTime d) {
      return d.instant().toString();
    } else if (item instanceof Item.Interval i) {
      return i.unsignedSeconds() + "s";
    } else if (item instanceof Item.DateTimeExtended d) {
      return Instant.EPOCH.plusNanos(d.epochMicros() * 1000).toString();
    }
    return item.toString();
  }
}
