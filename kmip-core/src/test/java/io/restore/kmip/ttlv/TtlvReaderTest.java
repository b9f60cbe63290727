package io.restore.kmip.ttlv;

import static io.restore.kmip.ttlv.Hex.golden;
import static io.restore.kmip.ttlv.Hex.hex;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Malformed input: each rejected with a TtlvException naming the offset, never OOM or a hang. */
class TtlvReaderTest {
  private final TtlvReader reader = TtlvReader.withDefaults();

  @Test
  void rejectsTruncatedMessageAtEveryLength() {
    byte[] get = golden("get-1.2.hex");
    for (int n = 0; n < get.length; n++) {
      byte[] cut = Arrays.copyOf(get, n);
      assertThatThrownBy(() -> reader.readMessage(cut, Tag.REQUEST_MESSAGE))
          .as("cut at %d", n)
          .isInstanceOf(TtlvException.class);
      assertThatThrownBy(() -> reader.read(cut))
          .as("cut at %d", n)
          .isInstanceOf(TtlvException.class);
    }
  }

  @Test
  void rejectsLengthAboveCapBeforeAllocating() throws Exception {
    byte[] header = hex("42 00 78 | 01 | 7F FF FF F8");
    assertThatThrownBy(() -> reader.messageLength(header, Tag.REQUEST_MESSAGE))
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining("exceeds the 1048576-byte limit");
    byte[] justOver = hex("42 00 78 | 01 | 00 10 00 00");
    assertThatThrownBy(() -> reader.messageLength(justOver, Tag.REQUEST_MESSAGE))
        .hasMessageContaining("limit");
    assertThat(
            new TtlvReader(new TtlvLimits(64, 64))
                .messageLength(hex("42 00 78 | 01 | 00 00 00 38"), Tag.REQUEST_MESSAGE))
        .isEqualTo(56);
  }

  @Test
  void rejectsWrongMessageTagOrType() {
    assertThatThrownBy(
            () -> reader.messageLength(hex("42 00 7B 01 00 00 00 08"), Tag.REQUEST_MESSAGE))
        .hasMessageContaining("expected RequestMessage");
    assertThatThrownBy(
            () -> reader.messageLength(hex("42 00 78 02 00 00 00 08"), Tag.REQUEST_MESSAGE))
        .hasMessageContaining("expected Structure");
  }

  @Test
  void rejectsHugeLeafLengthWithoutAllocating() {
    byte[] b = hex("42 00 20 | 08 | 7F FF FF F0 | 00 00 00 00 00 00 00 00");
    assertThatThrownBy(() -> reader.read(b)).hasMessageContaining("only 8 remain");
    byte[] unsigned = hex("42 00 20 | 08 | FF FF FF F0 | 00 00 00 00 00 00 00 00");
    assertThatThrownBy(() -> reader.read(unsigned)).isInstanceOf(TtlvException.class);
  }

  @Test
  void rejectsChildThatOverrunsItsParent() throws Exception {
    // Structure of 16 bytes holding a Text String that claims 16 bytes of value.
    byte[] b =
        hex(
            "42 00 20 | 01 | 00 00 00 10 | 42 00 21 | 07 | 00 00 00 10 | 41 41 41 41 41 41 41 41"
                + " 41 41 41 41 41 41 41 41");
    assertThatThrownBy(() -> reader.read(b))
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining("remain in its parent")
        .satisfies(e -> assertThat(((TtlvException) e).offset()).isEqualTo(8));
  }

  @Test
  void rejectsNestingDeeperThanTheLimit() {
    int depth = 65;
    byte[] b = new byte[depth * 8];
    for (int d = 0; d < depth; d++) {
      int at = d * 8;
      byte[] h = hex("42 00 20 01");
      System.arraycopy(h, 0, b, at, 4);
      int len = (depth - d - 1) * 8;
      b[at + 4] = (byte) (len >>> 24);
      b[at + 5] = (byte) (len >>> 16);
      b[at + 6] = (byte) (len >>> 8);
      b[at + 7] = (byte) len;
    }
    assertThatThrownBy(() -> reader.read(b)).hasMessageContaining("deeper than 64");
    byte[] ok = Arrays.copyOfRange(b, 8, b.length);
    assertThat(ok.length).isEqualTo(64 * 8);
  }

  @Test
  void acceptsNestingAtTheLimit() throws Exception {
    int depth = 64;
    byte[] b = new byte[depth * 8];
    for (int d = 0; d < depth; d++) {
      int at = d * 8;
      b[at] = 0x42;
      b[at + 2] = 0x20;
      b[at + 3] = 0x01;
      int len = (depth - d - 1) * 8;
      b[at + 6] = (byte) (len >>> 8);
      b[at + 7] = (byte) len;
    }
    assertThat(reader.read(b)).isInstanceOf(Item.Structure.class);
  }

  @Test
  void rejectsNonZeroPadding() {
    byte[] b = hex("42 00 20 | 02 | 00 00 00 04 | 00 00 00 08 00 00 00 01");
    assertThatThrownBy(() -> reader.read(b))
        .hasMessageContaining("padding")
        .satisfies(e -> assertThat(((TtlvException) e).offset()).isEqualTo(15));
    byte[] text = hex("42 00 20 | 07 | 00 00 00 01 | 41 00 00 00 00 00 FF 00");
    assertThatThrownBy(() -> reader.read(text)).hasMessageContaining("padding");
  }

  @Test
  void rejectsWrongFixedWidths() {
    for (String bad :
        new String[] {
          "42 00 20 | 02 | 00 00 00 08 | 00 00 00 00 00 00 00 08", // Integer of 8
          "42 00 20 | 05 | 00 00 00 08 | 00 00 00 00 00 00 00 08", // Enumeration of 8
          "42 00 20 | 0A | 00 00 00 08 | 00 00 00 00 00 00 00 08", // Interval of 8
          "42 00 20 | 03 | 00 00 00 04 | 00 00 00 08 00 00 00 00", // Long of 4
          "42 00 20 | 06 | 00 00 00 04 | 00 00 00 01 00 00 00 00", // Boolean of 4
          "42 00 20 | 09 | 00 00 00 04 | 00 00 00 01 00 00 00 00", // DateTime of 4
          "42 00 20 | 04 | 00 00 00 04 | 00 00 00 01 00 00 00 00", // BigInteger of 4
        }) {
      assertThatThrownBy(() -> reader.read(hex(bad)))
          .as(bad)
          .hasMessageContaining("is not allowed");
    }
  }

  @Test
  void rejectsADateTimeBeyondWhatAnInstantHolds() {
    // found by the fuzzer: the text "NameType" read as seconds; printing it threw DateTimeException
    byte[] b = hex("42 23 00 | 09 | 00 00 00 08 | 4E 61 6D 65 54 79 70 65");
    assertThatThrownBy(() -> reader.read(b))
        .isInstanceOf(TtlvException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void rejectsBooleanOtherThanZeroOrOne() {
    byte[] b = hex("42 00 20 | 06 | 00 00 00 08 | 00 00 00 00 00 00 00 02");
    assertThatThrownBy(() -> reader.read(b)).hasMessageContaining("neither 0 nor 1");
  }

  @Test
  void rejectsInvalidUtf8() {
    for (String bad : new String[] {"C3 28", "ED A0 80", "C0 AF", "FF"}) {
      int n = hex(bad).length;
      byte[] b = new byte[16];
      System.arraycopy(hex("42 00 20 07 00 00 00"), 0, b, 0, 7);
      b[7] = (byte) n;
      System.arraycopy(hex(bad), 0, b, 8, n);
      assertThatThrownBy(() -> reader.read(b)).as(bad).hasMessageContaining("not valid UTF-8");
    }
  }

  @Test
  void rejectsUnknownItemTypeAndTrailingBytes() {
    assertThatThrownBy(() -> reader.read(hex("42 00 20 | 0C | 00 00 00 00")))
        .hasMessageContaining("unknown item type 0x0C");
    byte[] get = golden("get-1.2.hex");
    byte[] longer = Arrays.copyOf(get, get.length + 8);
    assertThatThrownBy(() -> reader.readMessage(longer, Tag.REQUEST_MESSAGE))
        .hasMessageContaining("follow the header");
  }

  @Test
  void printerRedactsByteStrings() throws Exception {
    Item key =
        Item.Structure.of(
            Tag.KEY_VALUE, new Item.Bytes(Tag.KEY_MATERIAL, hex("00112233445566778899")));
    assertThat(TtlvPrinter.redacted(key))
        .contains("KeyMaterial ByteString <10 bytes redacted>")
        .doesNotContain("0011");
    assertThat(TtlvPrinter.revealing(key)).contains("00112233445566778899");
    assertThat(key.toString()).doesNotContain("0011");
    assertThat(TtlvPrinter.redacted(reader.read(golden("get-1.2.hex"))))
        .contains("Operation Enumeration Get")
        .contains("UniqueIdentifier TextString \"1\"");
  }
}
