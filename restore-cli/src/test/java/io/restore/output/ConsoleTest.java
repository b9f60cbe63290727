package io.restore.output;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleTest {
  private final StringWriter err = new StringWriter();
  private final Clock clock = Clock.fixed(Instant.parse("2026-12-03T07:12:04.5Z"), ZoneOffset.UTC);

  private Console console(Terminal t, LogLevel level) {
    return new Console(new PrintWriter(err, true), t, level, clock);
  }

  private static final Terminal TTY = new Terminal(true, true, false, 100);

  @Test
  void offATerminalStatusLinesHaveAnIsoTimestampErrorsNoneAndNothingIsRedrawn() {
    Console c = console(Terminal.NONE, LogLevel.INFO);
    c.info("KMIP server on 127.0.0.1:1234");
    c.live(List.of("  shop.orders  1/2 docs", "  total"));
    c.error("restore: boom\n  next: do this");
    assertThat(err.toString())
        .isEqualTo(
            "2026-12-03T07:12:04.500Z restore: KMIP server on 127.0.0.1:1234\n"
                + "restore: boom\n"
                + "  next: do this\n")
        .doesNotContain("\r", "\u001b");
  }

  @Test
  void onATerminalPermanentLinesGoAboveTheLiveBlock() {
    Console c = console(TTY, LogLevel.INFO);
    c.live(List.of("  a  1 docs", "  total"));
    c.info("dumped a");
    c.live(List.of("  total"));
    c.clearLive();
    assertThat(err.toString())
        .isEqualTo(
            "  a  1 docs\n  total\n"
                + "\u001b[2A\r\u001b[J"
                + "restore: dumped a\n"
                + "  a  1 docs\n  total\n"
                + "\u001b[2A\r\u001b[J"
                + "  total\n"
                + "\u001b[1A\r\u001b[J");
  }

  @Test
  void liveLinesAreCutToTheTerminalWidth() {
    Console c = console(new Terminal(true, true, false, 20), LogLevel.INFO);
    c.live(List.of("x".repeat(50)));
    assertThat(err.toString()).isEqualTo("x".repeat(16) + "...\n");
  }

  @Test
  void warnLevelShowsWarningsAndErrorsOnly() {
    Console c = console(TTY, LogLevel.WARN);
    c.info("status");
    c.live(List.of("  total"));
    c.debug("detail");
    c.warn("careful");
    c.error("restore: failed");
    assertThat(err.toString()).isEqualTo("restore: WARNING: careful\nrestore: failed\n");
  }

  @Test
  void quietShowsErrorsAndAlarmsOnly() {
    Console c = console(TTY, LogLevel.ERROR);
    c.info("status");
    c.live(List.of("  total"));
    c.debug("detail");
    c.warn("careful");
    c.alarm("mongod was KILLED");
    c.error("restore: failed");
    assertThat(err.toString()).isEqualTo("restore: WARNING: mongod was KILLED\nrestore: failed\n");
  }

  @Test
  void colourOnlyWhenTheTerminalWantsIt() {
    console(new Terminal(true, true, true, 80), LogLevel.INFO).warn("x");
    assertThat(err.toString()).contains("\u001b[33mWARNING\u001b[0m");
  }

  @Test
  void dumbTerminalsAndNoColorAreHonoured() {
    // Terminal.detect needs a real tty for fd 2; the environment rules are what matters here.
    assertThat(Terminal.NONE.interactive()).isFalse();
    Terminal dumb = new Terminal(true, false, false, 80);
    Console c = console(dumb, LogLevel.INFO);
    c.live(List.of("  total"));
    c.info("x");
    assertThat(err.toString()).isEqualTo("2026-12-03T07:12:04.500Z restore: x\n");
  }
}
