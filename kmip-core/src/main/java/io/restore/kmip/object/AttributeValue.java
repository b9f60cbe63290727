package io.restore.kmip.object;

import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An attribute value as KMIP 1.x carries it in {@code Attribute Value}: one primitive item or a
 * structure of tagged fields. Independent of the wire codec; the server converts both ways.
 */
public sealed interface AttributeValue {

  /** Text String. */
  record Text(String value) implements AttributeValue {
    public Text {
      Objects.requireNonNull(value);
    }
  }

  /** Integer (also masks such as Cryptographic Usage Mask). */
  record Int(int value) implements AttributeValue {}

  /** Long Integer. */
  record LongInt(long value) implements AttributeValue {}

  /** Enumeration, by its code. */
  record Enum(int value) implements AttributeValue {}

  /** Boolean. */
  record Bool(boolean value) implements AttributeValue {}

  /** Date-Time, whole seconds (KMIP 1.4 §9.1.1.4). */
  record DateTime(Instant value) implements AttributeValue {
    public DateTime {
      value = Instant.ofEpochSecond(value.getEpochSecond());
    }
  }

  /** Interval, in seconds. */
  record Interval(long seconds) implements AttributeValue {}

  /** Byte String; the array is copied in and out. Never holds key material. */
  final class Bytes implements AttributeValue {
    private final byte[] value;

    public Bytes(byte[] value) {
      this.value = value.clone();
    }

    public byte[] value() {
      return value.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Bytes b && Arrays.equals(value, b.value);
    }

    @Override
    public int hashCode() {
      return Arrays.hashCode(value);
    }

    @Override
    public String toString() {
      return "Bytes[" + HexFormat.of().formatHex(value) + "]";
    }
  }

  /** A field of a structured value: a KMIP tag (e.g. 0x420055 Name Value) and its value. */
  record Field(int tag, AttributeValue value) {
    public Field {
      Objects.requireNonNull(value);
    }
  }

  /** Structure: fields in order. */
  record Struct(List<Field> fields) implements AttributeValue {
    public Struct {
      fields = List.copyOf(fields);
    }

    public static Struct of(Field... fields) {
      return new Struct(List.of(fields));
    }
  }
}
