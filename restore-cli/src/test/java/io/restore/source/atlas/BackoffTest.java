package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffTest {
  @Test
  void growsByHalfUpToAMinuteAndStopsAtTheDeadline() {
    Backoff b = new Backoff(Duration.ofSeconds(5));
    Duration d = null;
    StringBuilder seen = new StringBuilder();
    for (int i = 0; i < 9; i++) {
      d = b.next(d);
      seen.append(d.toMillis()).append(' ');
    }
    assertThat(seen.toString().strip())
        .isEqualTo("5000 7500 11250 16875 25312 37968 56952 60000 60000");
    assertThat(Backoff.capped(Duration.ofSeconds(30), Duration.ofSeconds(4)))
        .isEqualTo(Duration.ofSeconds(4));
    assertThat(Backoff.capped(Duration.ofSeconds(3), Duration.ofSeconds(-1)))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void retryAfterInSecondsOrAsADate() {
    TestClock clock = new TestClock();
    AtlasSettings s =
        new AtlasSettings(
            AtlasSettings.ATLAS,
            null,
            Duration.ofHours(2),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            clock,
            clock);
    assertThat(RateLimited.retryAfter(Optional.of("12"), s)).contains(Duration.ofSeconds(12));
    Instant later = clock.instant().plusSeconds(90);
    String date =
        java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME.format(
            later.atZone(java.time.ZoneOffset.UTC));
    assertThat(RateLimited.retryAfter(Optional.of(date), s)).contains(Duration.ofSeconds(90));
    assertThat(RateLimited.retryAfter(Optional.of("soon"), s)).isEmpty();
    assertThat(RateLimited.retryAfter(Optional.empty(), s)).isEmpty();
  }

  @Test
  void atlasTimeoutTakesHoursMinutesSecondsOrPlainSeconds() {
    assertThat(AtlasSettings.parseTimeout("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(AtlasSettings.parseTimeout("1h30m")).isEqualTo(Duration.ofMinutes(90));
    assertThat(AtlasSettings.parseTimeout("45s")).isEqualTo(Duration.ofSeconds(45));
    assertThat(AtlasSettings.parseTimeout("600")).isEqualTo(Duration.ofMinutes(10));
    for (String bad : new String[] {"", "0", "two hours", "1d"}) {
      RestoreException e =
          catchThrowableOfType(() -> AtlasSettings.parseTimeout(bad), RestoreException.class);
      assertThat(e.exitCode()).as(bad).isEqualTo(ExitCode.USAGE);
    }
  }
}
