package io.restore.kmip.ttlv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.RequestMessage;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Random trees round-trip; random mutations of mongod's golden requests are either rejected with a
 * TtlvException or decode and re-encode to the same bytes (a bounded, seeded mutation fuzzer that
 * runs in every test run; Jazzer's coverage-guided run is {@code scripts/fuzz}).
 */
class TtlvPropertiesTest {
  private static final TtlvReader READER = TtlvReader.withDefaults();
  private static final List<byte[]> SEEDS =
      List.of(
          Hex.golden("get-1.2.hex"),
          Hex.golden("get-attributes-state-1.2.hex"),
          Hex.golden("create-1.2.hex"));

  @Property(tries = 500)
  void anyTreeRoundTrips(@ForAll("trees") Item item) throws TtlvException {
    byte[] bytes = TtlvWriter.encode(item);
    assertThat(bytes.length % 8).isZero();
    assertThat(READER.read(bytes)).isEqualTo(item);
    assertThat(TtlvWriter.encode(READER.read(bytes))).isEqualTo(bytes);
  }

  @Property(tries = 200)
  void dateTimesOutOfJavaTimesRangeAreRefusedCleanly(@ForAll("outOfRangeSeconds") long seconds) {
    byte[] bytes = TtlvWriter.encode(new Item.DateTime(Tag.UNIQUE_IDENTIFIER, seconds));
    assertThatThrownBy(() -> READER.read(bytes))
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining("out of range");
  }

  @Provide
  Arbitrary<Long> outOfRangeSeconds() {
    return Arbitraries.oneOf(
        Arbitraries.longs().greaterOrEqual(Instant.MAX.getEpochSecond() + 1),
        Arbitraries.longs().lessOrEqual(Instant.MIN.getEpochSecond() - 1));
  }

  @Property(tries = 3000)
  void mutatedGoldenRequestsAreRejectedCleanlyOrRoundTrip(
      @ForAll("seeds") int seed,
      @ForAll("positions") List<Integer> positions,
      @ForAll("bytes") List<Byte> values) {
    byte[] b = SEEDS.get(seed).clone();
    for (int i = 0; i < Math.min(positions.size(), values.size()); i++) {
      b[Math.floorMod(positions.get(i), b.length)] = values.get(i);
    }
    Item item;
    try {
      item = READER.read(b);
    } catch (TtlvException e) {
      assertThat(e.offset()).isBetween(0, b.length);
      return;
    }
    assertThat(TtlvWriter.encode(item)).isEqualTo(b);
    if (item instanceof Item.Structure s && s.tag().equals(Tag.REQUEST_MESSAGE)) {
      try {
        assertThat(RequestMessage.read(s).encode()).isEqualTo(b);
      } catch (KmipException e) {
        assertThat(e.reason()).isNotNull();
      }
    }
  }

  @Provide
  Arbitrary<Integer> seeds() {
    return Arbitraries.integers().between(0, SEEDS.size() - 1);
  }

  @Provide
  Arbitrary<List<Integer>> positions() {
    return Arbitraries.integers().between(0, 400).list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<List<Byte>> bytes() {
    return Arbitraries.bytes().list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<Item> trees() {
    return tree(3);
  }

  private static Arbitrary<Tag> tags() {
    return Arbitraries.oneOf(
        Arbitraries.of(Tag.UNIQUE_IDENTIFIER, Tag.KEY_MATERIAL, Tag.ATTRIBUTE_VALUE),
        Arbitraries.integers().between(0, 0xFFFFFF).map(Tag::new));
  }

  private static Arbitrary<Item> tree(int depth) {
    Arbitrary<Item> leaves =
        Arbitraries.oneOf(
            Combinators.combine(tags(), Arbitraries.integers()).as(Item.Int::new),
            Combinators.combine(tags(), Arbitraries.longs()).as(Item.LongInt::new),
            Combinators.combine(
                    tags(),
                    Arbitraries.bigIntegers()
                        .between(
                            new java.math.BigInteger("-1" + "0".repeat(40)),
                            new java.math.BigInteger("1" + "0".repeat(40))))
                .as(Item.BigInt::of),
            Combinators.combine(tags(), Arbitraries.integers()).as(Item.Enumeration::new),
            Combinators.combine(tags(), Arbitraries.of(true, false)).as(Item.Bool::new),
            Combinators.combine(
                    tags(),
                    Arbitraries.strings()
                        .ofMaxLength(20)
                        .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s)))
                .as(Item.Text::new),
            Combinators.combine(tags(), Arbitraries.bytes().array(byte[].class).ofMaxSize(40))
                .as(Item.Bytes::new),
            // what java.time can represent: the reader refuses the rest (dateTimesOutOfRange...)
            Combinators.combine(
                    tags(),
                    Arbitraries.longs()
                        .between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()))
                .as(Item.DateTime::new),
            Combinators.combine(tags(), Arbitraries.integers()).as(Item.Interval::new),
            Combinators.combine(tags(), Arbitraries.longs()).as(Item.DateTimeExtended::new));
    if (depth == 0) return leaves;
    Arbitrary<Item> structures =
        Combinators.combine(tags(), tree(depth - 1).list().ofMaxSize(4))
            .as((t, items) -> new Item.Structure(t, items));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(3, leaves), net.jqwik.api.Tuple.of(1, structures));
  }
}
