package io.restore.kmip.ttlv;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Writes TTLV into a growing buffer. Structures nest as blocks: the length is a placeholder patched
 * when the block ends, so callers never compute a length or padding (docs/design/style.md 1.3).
 *
 * <pre>{@code
 * byte[] bytes = new TtlvWriter()
 *     .structure(Tag.PROTOCOL_VERSION, v -> v.integer(Tag.PROTOCOL_VERSION_MAJOR, 1)
 *                                            .integer(Tag.PROTOCOL_VERSION_MINOR, 2))
 *     .toByteArray();
 * }</pre>
 */
public final class TtlvWriter {
  private byte[] buf;
  private int pos;

  public TtlvWriter() {
    this(256);
  }

  public TtlvWriter(int initialCapacity) {
    buf = new byte[Math.max(16, initialCapacity)];
  }

  /** Writes a structure whose items {@code body} writes. */
  public TtlvWriter structure(Tag tag, Consumer<TtlvWriter> body) {
    int mark = begin(tag);
    body.accept(this);
    return end(mark);
  }

  /**
   * Opens a structure and returns the mark to pass to {@link #end}; for code that cannot use a
   * lambda.
   */
  public int begin(Tag tag) {
    int mark = pos;
    header(tag, ItemType.STRUCTURE, 0);
    return mark;
  }

  /** Closes the structure opened at {@code mark}, patching its length. */
  public TtlvWriter end(int mark) {
    putInt(mark + 4, pos - mark - 8);
    return this;
  }

  public TtlvWriter integer(Tag tag, int value) {
    header(tag, ItemType.INTEGER, 4);
    putInt(pos, value);
    putInt(pos + 4, 0);
    pos += 8;
    return this;
  }

  public TtlvWriter longInteger(Tag tag, long value) {
    return eight(tag, ItemType.LONG_INTEGER, value);
  }

  /** A Big Integer from its wire bytes (a positive multiple of 8 long). */
  public TtlvWriter bigInteger(Tag tag, byte[] twosComplement) {
    if (twosComplement.length == 0 || twosComplement.length % 8 != 0) {
      throw new IllegalArgumentException("Big Integer length must be a positive multiple of 8");
    }
    return bytesOfType(tag, ItemType.BIG_INTEGER, twosComplement, 0, twosComplement.length);
  }

  public TtlvWriter enumeration(Tag tag, int code) {
    header(tag, ItemType.ENUMERATION, 4);
    putInt(pos, code);
    putInt(pos + 4, 0);
    pos += 8;
    return this;
  }

  public TtlvWriter enumeration(Tag tag, KmipEnum value) {
    return enumeration(tag, value.code());
  }

  public TtlvWriter bool(Tag tag, boolean value) {
    return eight(tag, ItemType.BOOLEAN, value ? 1 : 0);
  }

  public TtlvWriter text(Tag tag, String value) {
    int n = value.length();
    boolean ascii = true;
    for (int i = 0; i < n && ascii; i++) {
      ascii = value.charAt(i) < 0x80;
    }
    if (!ascii) {
      byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
      return bytesOfType(tag, ItemType.TEXT_STRING, utf8, 0, utf8.length);
    }
    header(tag, ItemType.TEXT_STRING, n);
    int padded = ItemType.padded(n);
    ensure(padded);
    for (int i = 0; i < n; i++) {
      buf[pos + i] = (byte) value.charAt(i);
    }
    Arrays.fill(buf, pos + n, pos + padded, (byte) 0);
    pos += padded;
    return this;
  }

  public TtlvWriter bytes(Tag tag, byte[] value) {
    return bytesOfType(tag, ItemType.BYTE_STRING, value, 0, value.length);
  }

  public TtlvWriter bytes(Tag tag, byte[] value, int offset, int length) {
    return bytesOfType(tag, ItemType.BYTE_STRING, value, offset, length);
  }

  public TtlvWriter dateTime(Tag tag, long epochSeconds) {
    return eight(tag, ItemType.DATE_TIME, epochSeconds);
  }

  public TtlvWriter dateTime(Tag tag, Instant instant) {
    return dateTime(tag, instant.getEpochSecond());
  }

  public TtlvWriter interval(Tag tag, int seconds) {
    header(tag, ItemType.INTERVAL, 4);
    putInt(pos, seconds);
    putInt(pos + 4, 0);
    pos += 8;
    return this;
  }

  public TtlvWriter dateTimeExtended(Tag tag, long epochMicros) {
    return eight(tag, ItemType.DATE_TIME_EXTENDED, epochMicros);
  }

  /** Writes any item tree as it is. */
  public TtlvWriter item(Item item) {
    if (item instanceof Item.Structure s) {
      int mark = begin(s.tag());
      for (Item child : s.items()) item(child);
      return end(mark);
    } else if (item instanceof Item.Int i) {
      return integer(i.tag(), i.value());
    } else if (item instanceof Item.LongInt l) {
      return longInteger(l.tag(), l.value());
    } else if (item instanceof Item.BigInt b) {
      return bigInteger(b.tag(), b.bytes());
    } else if (item instanceof Item.Enumeration e) {
      return enumeration(e.tag(), e.value());
    } else if (item instanceof Item.Bool b) {
      return bool(b.tag(), b.value());
    } else if (item instanceof Item.Text t) {
      return text(t.tag(), t.value());
    } else if (item instanceof Item.Bytes b) {
      return bytes(b.tag(), b.value());
    } else if (item instanceof Item.DateTime d) {
      return dateTime(d.tag(), d.epochSeconds());
    } else if (item instanceof Item.Interval i) {
      return interval(i.tag(), i.seconds());
    } else if (item instanceof Item.DateTimeExtended d) {
      return dateTimeExtended(d.tag(), d.epochMicros());
    }
    throw new IllegalArgumentException("unknown item " + item.getClass());
  }

  /** The bytes written so far. */
  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }

  /** Number of bytes written so far. */
  public int size() {
    return pos;
  }

  /** Encodes one item tree. */
  public static byte[] encode(Item item) {
    return new TtlvWriter().item(item).toByteArray();
  }

  private TtlvWriter eight(Tag tag, ItemType type, long value) {
    header(tag, type, 8);
    putInt(pos, (int) (value >>> 32));
    putInt(pos + 4, (int) value);
    pos += 8;
    return this;
  }

  private TtlvWriter bytesOfType(Tag tag, ItemType type, byte[] value, int offset, int length) {
    header(tag, type, length);
    int padded = ItemType.padded(length);
    ensure(padded);
    System.arraycopy(value, offset, buf, pos, length);
    Arrays.fill(buf, pos + length, pos + padded, (byte) 0);
    pos += padded;
    return this;
  }

  private void header(Tag tag, ItemType type, int length) {
    ensure(16);
    int code = tag.code();
    buf[pos] = (byte) (code >>> 16);
    buf[pos + 1] = (byte) (code >>> 8);
    buf[pos + 2] = (byte) code;
    buf[pos + 3] = (byte) type.code();
    putInt(pos + 4, length);
    pos += 8;
  }

  private void putInt(int at, int v) {
    buf[at] = (byte) (v >>> 24);
    buf[at + 1] = (byte) (v >>> 16);
    buf[at + 2] = (byte) (v >>> 8);
    buf[at + 3] = (byte) v;
  }

  private void ensure(int more) {
    if (pos + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + more));
    }
  }
}
