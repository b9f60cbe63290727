package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SessionOutputTest {
  @Test
  void noTimingsWithoutTheVariable() {
    assertThat(SessionOutput.origin(null)).isEmpty();
  }

  @Test
  void anEpochMillisecondValueIsTheCallersClockReading() {
    // scripts/bench-open passes its own start time, so its total and restore's steps share a clock
    assertThat(SessionOutput.origin("1764748800123"))
        .contains(Instant.ofEpochMilli(1764748800123L));
  }

  @Test
  void anyOtherValueCountsFromTheProcessStart() {
    assertThat(SessionOutput.origin("1")).isEqualTo(ProcessHandle.current().info().startInstant());
  }

  @Test
  void statusLinesSayTheTimeSinceTheOrigin() {
    StringWriter err = new StringWriter();
    Instant origin = Instant.now().minus(Duration.ofHours(1));
    SessionOutput output =
        new SessionOutput(
            new PrintWriter(new StringWriter()),
            new PrintWriter(err),
            java.util.Optional.of(origin),
            java.time.Clock.fixed(origin.plus(Duration.ofHours(1)), java.time.ZoneOffset.UTC));
    output.status("mongod ready");
    // at least an hour, never negative: the origin is a clock reading, not a rounded start time
    assertThat(err.toString()).matches("restore: \\[\\+3600000 ms\\] mongod ready\\R");
  }
}
