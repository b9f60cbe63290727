package io.restore.kmip.ttlv;

import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * One decoded TTLV item (KMIP 1.4 §9.1): a tag, a type and a value. Any accepted input re-encodes
 * to the same bytes, unknown tags included. Records holding arrays take them without copying: a
 * caller that keeps the array keeps the right to change it.
 */
public sealed interface Item {
  Tag tag();

  ItemType type();

  /** A structure: its items in wire order. */
  record Structure(Tag tag, List<Item> items) implements Item {
    public Structure {
      items = List.copyOf(items);
    }

    public static Structure of(Tag tag, Item... items) {
      return new Structure(tag, List.of(items));
    }

    @Override
    public ItemType type() {
      return ItemType.STRUCTURE;
    }

    /** The first item with this tag. */
    public Optional<Item> first(Tag t) {
      for (Item i : items) {
        if (i.tag().equals(t)) return Optional.of(i);
      }
      return Optional.empty();
    }

    /** Every item with this tag, in order. */
    public List<Item> all(Tag t) {
      var out = new ArrayList<Item>();
      for (Item i : items) {
        if (i.tag().equals(t)) out.add(i);
      }
      return out;
    }
  }

  /** A signed 32-bit Integer (also used for masks). */
  record Int(Tag tag, int value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.INTEGER;
    }
  }

  /** A signed 64-bit Long Integer. */
  record LongInt(Tag tag, long value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.LONG_INTEGER;
    }
  }

  /**
   * A Big Integer as its wire bytes: big-endian two's complement, a multiple of 8 bytes (KMIP 1.4
   * §9.1.1.4). Kept as bytes so sign-extension padding round-trips.
   */
  record BigInt(Tag tag, byte[] bytes) implements Item {
    public BigInt {
      if (bytes.length == 0 || bytes.length % 8 != 0) {
        throw new IllegalArgumentException("Big Integer length must be a positive multiple of 8");
      }
    }

    /** The shortest padded encoding of {@code value}. */
    public static BigInt of(Tag tag, BigInteger value) {
      byte[] raw = value.toByteArray();
      byte[] padded = new byte[ItemType.padded(raw.length)];
      byte fill = value.signum() < 0 ? (byte) 0xFF : 0;
      Arrays.fill(padded, 0, padded.length - raw.length, fill);
      System.arraycopy(raw, 0, padded, padded.length - raw.length, raw.length);
      return new BigInt(tag, padded);
    }

    public BigInteger value() {
      return new BigInteger(bytes);
    }

    @Override
    public ItemType type() {
      return ItemType.BIG_INTEGER;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof BigInt b && b.tag.equals(tag) && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
      return tag.hashCode() * 31 + Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
      return "BigInt[" + tag + ", " + bytes.length + " bytes]";
    }
  }

  /** An Enumeration: a 32-bit code (see the enum tables). */
  record Enumeration(Tag tag, int value) implements Item {
    public static Enumeration of(Tag tag, KmipEnum value) {
      return new Enumeration(tag, value.code());
    }

    @Override
    public ItemType type() {
      return ItemType.ENUMERATION;
    }
  }

  /** A Boolean: 0 or 1 in 8 bytes. */
  record Bool(Tag tag, boolean value) implements Item {
    @Override
    public ItemType type() {
      return ItemType.BOOLEAN;
    }
  }

  /** A Text String: UTF-8 on the wire. */
  record Text(Tag tag, String value) implements Item {
    public Text {
      if (value == null) throw new NullPointerException("value");
    }

    @Override
    public ItemType type() {
      return ItemType.TEXT_STRING;
    }
  }

  /** A Byte String. {@link #toString} never shows the bytes (they may be key material). */
  record Bytes(Tag tag, byte[] value) implements Item {
    public Bytes {
      if (value == null) throw new NullPointerException("value");
    }

    @Override
    public ItemType type() {
      return ItemType.BYTE_STRING;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && b.tag.equals(tag) && Arrays.equals(b.value, value);
    }

    @Override
    public int hashCode() {
      return tag.hashCode() * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + tag + ", " + value.length + " bytes redacted]";
    }
  }

  /** A Date-Time: signed seconds since the epoch (KMIP 1.4 §9.1.1.4). */
  record DateTime(Tag tag, long epochSeconds) implements Item {
    public static DateTime of(Tag tag, Instant instant) {
      return new DateTime(tag, instant.getEpochSecond());
    }

    public Instant instant() {
      return Instant.ofEpochSecond(epochSeconds);
    }

    @Override
    public ItemType type() {
      return ItemType.DATE_TIME;
    }
  }

  /** An Interval: unsigned 32-bit seconds, kept in an int's bits. */
  record Interval(Tag tag, int seconds) implements Item {
    public long unsignedSeconds() {
      return Integer.toUnsignedLong(seconds);
    }

    @Override
    public ItemType type() {
      return ItemType.INTERVAL;
    }
  }

  /** A Date-Time Extended: signed microseconds since the epoch (KMIP 2.0 §9.1.1.4). */
  record DateTimeExtended(Tag tag, long epochMicros) implements Item {
    @Override
    public ItemType type() {
      return ItemType.DATE_TIME_EXTENDED;
    }
  }
}
