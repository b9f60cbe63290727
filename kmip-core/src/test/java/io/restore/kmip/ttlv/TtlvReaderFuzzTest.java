package io.restore.kmip.ttlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.RequestMessage;

/**
 * Coverage-guided fuzzing of the decoder and the request model (reliability.md row 9). In a plain
 * test run Jazzer replays the committed corpus (src/test/resources/.../TtlvReaderFuzzTestInputs);
 * with JAZZER_FUZZ=1 it fuzzes for the given time ({@code scripts/fuzz} runs longer).
 */
class TtlvReaderFuzzTest {
  private static final TtlvReader READER = new TtlvReader(new TtlvLimits(1 << 16, 64));

  @FuzzTest(maxDuration = "5s")
  void decoderRejectsOnlyWithTtlvExceptionAndReencodesWhatItAccepts(byte[] input) {
    Item item;
    try {
      item = READER.read(input);
    } catch (TtlvException e) {
      return; // the only allowed failure
    }
    assertArrayEquals(input, TtlvWriter.encode(item));
    if (item instanceof Item.Structure s && s.tag().equals(Tag.REQUEST_MESSAGE)) {
      try {
        assertArrayEquals(input, RequestMessage.read(s).encode());
      } catch (KmipException e) {
        // a well-formed tree that is not a valid request: the server answers Invalid Message
      }
    }
    TtlvPrinter.redacted(item);
  }
}
