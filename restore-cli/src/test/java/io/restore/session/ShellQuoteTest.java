package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ShellQuoteTest {
  @Test
  void wordsWithSpacesOrQuotesAreQuotedForSh() {
    assertThat(
            ShellQuote.join(
                List.of("mongod", "--dbpath", "/data/my snap", "--kmipServerCAFile", "it's.pem")))
        .isEqualTo("mongod --dbpath '/data/my snap' --kmipServerCAFile 'it'\\''s.pem'");
    assertThat(ShellQuote.word("")).isEqualTo("''");
    assertThat(ShellQuote.word("--port=27017")).isEqualTo("--port=27017");
  }
}
