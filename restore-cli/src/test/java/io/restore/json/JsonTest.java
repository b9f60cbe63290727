package io.restore.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonTest {
  @Test
  @SuppressWarnings("unchecked")
  void readsObjectsInOrderWithEveryValueKind() throws Exception {
    Map<String, Object> m =
        Json.parseObject(
            "{\"b\": \"x\\u00e9\\n\", \"a\": [1, -2.5e3, true, false, null], \"c\": {}}");
    assertThat(m.keySet()).containsExactly("b", "a", "c");
    assertThat(m.get("b")).isEqualTo("xé\n");
    assertThat((List<Object>) m.get("a"))
        .containsExactly(new Json.Number("1"), new Json.Number("-2.5e3"), true, false, null);
    assertThat(m.get("c")).isEqualTo(Map.of());
  }

  @Test
  void writesWhatItReadsKeepingNumbersAsWritten() throws Exception {
    String text = "{\n  \"n\": 1.50,\n  \"s\": \"a\\\"b\",\n  \"l\": [\n    {}\n  ]\n}\n";
    assertThat(Json.write(Json.parse(text))).isEqualTo(text);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{\"a\": 1,}",
        "{\"a\": 1, \"a\": 2}",
        "[1,]",
        "{\"a\": 01}",
        "{\"a\": \"x\ny\"}",
        "{\"a\": 1} x",
        "{a: 1}",
        "// c\n{}",
        "{\"a\": tru}",
        "{\"a\": \"\\x\"}",
        "\"unterminated",
        ""
      })
  void rejectsWhatIsNotStrictJson(String text) {
    assertThatThrownBy(() -> Json.parse(text))
        .isInstanceOf(Json.SyntaxException.class)
        .hasMessageContaining("line");
  }

  @Test
  void errorsGiveLineAndColumnButNoText() {
    assertThatThrownBy(() -> Json.parse("{\n  \"secret\": \"abc\" \"x\"\n}"))
        .hasMessage("expected ',' or '}' at line 2, column 19")
        .hasMessageNotContaining("abc");
  }

  @Test
  void refusesDeepNesting() {
    assertThatThrownBy(() -> Json.parse("[".repeat(100) + "]".repeat(100)))
        .hasMessageContaining("nested deeper");
  }

  @Test
  void numbersKeepTheirTextWhateverTheirForm() throws Exception {
    for (String n : new String[] {"1.50", "1e2", "-0", "12345678901234567890123", "2.5E-3"}) {
      assertThat(Json.writeCompact(Json.parse("[" + n + "]"))).isEqualTo("[" + n + "]");
    }
  }

  @Test
  void aDuplicateKeyIsRefusedWithItsPositionOnly() {
    assertThatThrownBy(
            () -> Json.parse("{\"secretAccessKey\": \"a\",\n \"secretAccessKey\": \"b\"}"))
        .hasMessage("duplicate field name at line 2, column 2");
  }

  @Test
  void escapesMayEncodeControlCharactersWhichTheMetadataChecksLater() throws Exception {
    // JSON allows an escaped NUL in a string; Metadata refuses it where a path goes.
    assertThat(Json.parseObject("{\"keyFile\": \"a\\u0000b\"}").get("keyFile"))
        .isEqualTo("a\u0000b");
  }
}
