package io.restore.kmip.ttlv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.RequestMessage;

/**
 * Coverage-guided fuzzing of the decoder and the request model (docs/design/reliability.md row 9).
 * The build's "fuzz" surefire execution (its own JVM, JAZZER_FUZZ=1) replays the committed corpus
 * (src/test/resources/.../TtlvReaderFuzzTestInputs), then fuzzes for {@code maxDuration}; {@code
 * scripts/fuzz} runs longer rounds.
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
