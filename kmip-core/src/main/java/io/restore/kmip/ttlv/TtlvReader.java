package io.restore.kmip.ttlv;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;

/**
 * Decodes TTLV strictly and within bounds (docs/design/reliability.md rows 1-3). Every length is
 * checked against what is left of the enclosing item before anything is allocated; fixed-width
 * types must have their exact width; padding must be zero; Booleans 0 or 1; Text Strings valid
 * UTF-8; structures at most {@link TtlvLimits#maxDepth()} deep. Any violation is a {@link
 * TtlvException} naming the offset.
 *
 * <p>Framing for a stream: read 8 bytes, call {@link #messageLength}, read exactly that many more,
 * then {@link #readMessage} on the whole message.
 */
public final class TtlvReader {
  private final TtlvLimits limits;

  public TtlvReader(TtlvLimits limits) {
    this.limits = limits;
  }

  /** A reader with {@link TtlvLimits#DEFAULT}. */
  public static TtlvReader withDefaults() {
    return new TtlvReader(TtlvLimits.DEFAULT);
  }

  public TtlvLimits limits() {
    return limits;
  }

  /**
   * Checks a message's 8-byte header: {@code expected} tag, type Structure, a length within the
   * cap.
   *
   * @return the number of bytes that follow the header
   */
  public int messageLength(byte[] header, Tag expected) throws TtlvException {
    if (header.length < 8) {
      throw TtlvException.at(0, "message header needs 8 bytes, got %d", header.length);
    }
    int tag = tagAt(header, 0);
    if (tag != expected.code()) {
      throw TtlvException.at(0, "message starts with tag %s, expected %s", new Tag(tag), expected);
    }
    if ((header[3] & 0xFF) != ItemType.STRUCTURE.code()) {
      throw TtlvException.at(0, "%s has type 0x%02X, expected Structure", expected, header[3]);
    }
    long length = Integer.toUnsignedLong(intAt(header, 4));
    if (length > limits.maxMessageBytes() - 8L) {
      throw TtlvException.at(
          0,
          "%d-byte %s exceeds the %d-byte limit",
          length + 8,
          expected,
          limits.maxMessageBytes());
    }
    if (length % 8 != 0) {
      throw TtlvException.at(0, "%s length %d is not a multiple of 8", expected, length);
    }
    return (int) length;
  }

  /** Decodes a whole message (header included) that must be one {@code expected} structure. */
  public Item.Structure readMessage(byte[] message, Tag expected) throws TtlvException {
    int length = messageLength(message, expected);
    if (message.length != length + 8) {
      throw TtlvException.at(
          0, "%s declares %d bytes but %d follow the header", expected, length, message.length - 8);
    }
    return (Item.Structure) read(message);
  }

  /** Decodes exactly one item that spans the whole array. */
  public Item read(byte[] bytes) throws TtlvException {
    return read(bytes, 0, bytes.length);
  }

  /** Decodes exactly one item that spans {@code bytes[offset, offset + length)}. */
  public Item read(byte[] bytes, int offset, int length) throws TtlvException {
    if (length > limits.maxMessageBytes()) {
      throw TtlvException.at(
          offset, "%d bytes exceed the %d-byte limit", length, limits.maxMessageBytes());
    }
    var cursor = new int[] {offset};
    Item item = item(bytes, cursor, offset + length, 1);
    if (cursor[0] != offset + length) {
      throw TtlvException.at(
          cursor[0], "%d bytes left after the item", offset + length - cursor[0]);
    }
    return item;
  }

  private Item item(byte[] b, int[] cursor, int end, int depth) throws TtlvException {
    int at = cursor[0];
    if (end - at < 8) {
      throw TtlvException.at(at, "truncated: item header needs 8 bytes, %d left", end - at);
    }
    Tag tag = new Tag(tagAt(b, at));
    ItemType type = ItemType.fromCode(b[at + 3] & 0xFF);
    if (type == null) {
      throw TtlvException.at(at, "%s has unknown item type 0x%02X", tag, b[at + 3] & 0xFF);
    }
    long length = Integer.toUnsignedLong(intAt(b, at + 4));
    if (length > Integer.MAX_VALUE || !type.isLegalLength((int) length)) {
      throw TtlvException.at(at, "%s: %s of length %d is not allowed", tag, type.xmlName(), length);
    }
    int len = (int) length;
    long padded = type == ItemType.STRUCTURE ? length : (length + 7) & ~7L;
    long left = (long) end - at - 8;
    if (padded > left) {
      throw TtlvException.at(
          at,
          "%s declares %d bytes but only %d remain in its parent",
          tag,
          padded,
          Math.max(0, left));
    }
    int v = at + 8;
    for (int p = v + len; p < v + padded; p++) {
      if (b[p] != 0) {
        throw TtlvException.at(p, "%s: padding byte is 0x%02X, must be 0", tag, b[p] & 0xFF);
      }
    }
    cursor[0] = (int) (v + padded);
    switch (type) {
      case STRUCTURE:
        return structure(b, tag, at, v, v + len, depth);
      case INTEGER:
        return new Item.Int(tag, intAt(b, v));
      case LONG_INTEGER:
        return new Item.LongInt(tag, longAt(b, v));
      case BIG_INTEGER:
        return new Item.BigInt(tag, Arrays.copyOfRange(b, v, v + len));
      case ENUMERATION:
        return new Item.Enumeration(tag, intAt(b, v));
      case BOOLEAN:
        long bool = longAt(b, v);
        if (bool != 0 && bool != 1) {
          throw TtlvException.at(at, "%s: Boolean value %d is neither 0 nor 1", tag, bool);
        }
        return new Item.Bool(tag, bool == 1);
      case TEXT_STRING:
        return new Item.Text(tag, utf8(b, v, len, tag, at));
      case BYTE_STRING:
        return new Item.Bytes(tag, Arrays.copyOfRange(b, v, v + len));
      case DATE_TIME:
        long seconds = longAt(b, v);
        // Seconds beyond what java.time can represent (about ±1e9 years) name no real time; refuse
        // them here so no later Instant conversion can throw an unchecked exception.
        if (seconds < Instant.MIN.getEpochSecond() || seconds > Instant.MAX.getEpochSecond()) {
          throw TtlvException.at(at, "%s: Date-Time %d seconds is out of range", tag, seconds);
        }
        return new Item.DateTime(tag, seconds);
      case INTERVAL:
        return new Item.Interval(tag, intAt(b, v));
      case DATE_TIME_EXTENDED:
        return new Item.DateTimeExtended(tag, longAt(b, v));
      default:
        throw new AssertionError(type);
    }
  }

  private Item structure(byte[] b, Tag tag, int at, int from, int to, int depth)
      throws TtlvException {
    if (depth > limits.maxDepth()) {
      throw TtlvException.at(at, "%s nests deeper than %d structures", tag, limits.maxDepth());
    }
    var items = new ArrayList<Item>();
    var cursor = new int[] {from};
    while (cursor[0] < to) {
      items.add(item(b, cursor, to, depth + 1));
    }
    return new Item.Structure(tag, items);
  }

  private static String utf8(byte[] b, int from, int len, Tag tag, int at) throws TtlvException {
    boolean ascii = true;
    for (int i = from; i < from + len; i++) {
      if (b[i] < 0) {
        ascii = false;
        break;
      }
    }
    if (ascii) {
      return new String(b, from, len, StandardCharsets.ISO_8859_1);
    }
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(b, from, len))
          .toString();
    } catch (CharacterCodingException e) {
      throw TtlvException.at(at, "%s: Text String is not valid UTF-8", tag);
    }
  }

  static int tagAt(byte[] b, int at) {
    return (b[at] & 0xFF) << 16 | (b[at + 1] & 0xFF) << 8 | (b[at + 2] & 0xFF);
  }

  static int intAt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  static long longAt(byte[] b, int at) {
    return (long) intAt(b, at) << 32 | (intAt(b, at + 4) & 0xFFFFFFFFL);
  }
}
