package io.restore.kmip.ttlv;

import static io.restore.kmip.ttlv.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import java.math.BigInteger;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The encoding examples of KMIP 1.4 §9.1.2, checked both ways (docs/design/style.md 1.5). */
class TtlvCodecTest {
  private static final Tag T = new Tag(0x420020);

  static Stream<Arguments> knownGood() {
    return Stream.of(
        arguments(
            "integer",
            hex("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 00"),
            new Item.Int(T, 8)),
        arguments(
            "long integer",
            hex("42 00 20 | 03 | 00 00 00 08 | 01 B6 9B 4B A5 74 92 00"),
            new Item.LongInt(T, 123456789000000000L)),
        arguments(
            "big integer",
            hex("42 00 20 | 04 | 00 00 00 10 | 00 00 00 00 03 FD 35 EB 6B C2 DF 46 18 08 00 00"),
            Item.BigInt.of(T, new BigInteger("1234567890000000000000000000"))),
        arguments(
            "enumeration",
            hex("42 00 20 | 05 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"),
            new Item.Enumeration(T, 255)),
        arguments(
            "boolean",
            hex("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 01"),
            new Item.Bool(T, true)),
        arguments(
            "text",
            hex("42 00 20 | 07 | 00 00 00 0B | 48 65 6C 6C 6F 20 57 6F 72 6C 64 00 00 00 00 00"),
            new Item.Text(T, "Hello World")),
        arguments(
            "text, not ASCII",
            hex("42 00 20 | 07 | 00 00 00 02 | C3 A9 00 00 00 00 00 00"),
            new Item.Text(T, "é")),
        arguments(
            "bytes",
            hex("42 00 20 | 08 | 00 00 00 03 | 01 02 03 00 00 00 00 00"),
            new Item.Bytes(T, new byte[] {1, 2, 3})),
        arguments(
            "date-time",
            hex("42 00 20 | 09 | 00 00 00 08 | 00 00 00 00 47 DA 67 F8"),
            new Item.DateTime(T, 0x47DA67F8L)),
        arguments(
            "interval",
            hex("42 00 20 | 0A | 00 00 00 04 | 00 0D 2F 00 00 00 00 00"),
            new Item.Interval(T, 864000)),
        arguments(
            "date-time extended",
            hex("42 00 20 | 0B | 00 00 00 08 | 00 04 4E 5B 6F 1E 7A 40"),
            new Item.DateTimeExtended(T, 0x00044E5B6F1E7A40L)),
        arguments(
            "structure",
            hex(
                "42 00 20 | 01 | 00 00 00 20 | 42 00 04 | 05 | 00 00 00 04 | 00 00 00 FE 00 00 00 00"
                    + " | 42 00 05 | 02 | 00 00 00 04 | 00 00 00 FF 00 00 00 00"),
            Item.Structure.of(
                T,
                new Item.Enumeration(new Tag(0x420004), 254),
                new Item.Int(new Tag(0x420005), 255))),
        arguments(
            "unknown tag",
            hex("54 00 01 | 07 | 00 00 00 01 | 41 00 00 00 00 00 00 00"),
            new Item.Text(new Tag(0x540001), "A")));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownGood")
  void encodes(String name, byte[] bytes, Item item) {
    assertThat(TtlvWriter.encode(item)).isEqualTo(bytes);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("knownGood")
  void decodes(String name, byte[] bytes, Item item) throws TtlvException {
    assertThat(TtlvReader.withDefaults().read(bytes)).isEqualTo(item);
  }
}
