package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.mongod.LogLine;
import org.junit.jupiter.api.Test;

class StartupStatusTest {
  @Test
  void saysWhatMongodsLogSaysItIsDoing() {
    assertThat(
            StartupStatus.describe(
                LogLine.parse(
                    "{\"t\":{\"$date\":\"2026-12-03T07:00:00.000+00:00\"},\"s\":\"I\",\"c\":\"WTRECOV\","
                        + "\"id\":22430,\"ctx\":\"initandlisten\",\"msg\":\"WiredTiger message\","
                        + "\"attr\":{\"message\":{\"ts_sec\":1,\"msg\":\"Recovering log 3 through 5\"}}}")))
        .hasValue("recovery: Recovering log 3 through 5");
    assertThat(
            StartupStatus.describe(
                LogLine.parse(
                    "{\"t\":{\"$date\":\"2026-12-03T07:00:00.000+00:00\"},\"s\":\"I\",\"c\":\"STORAGE\","
                        + "\"id\":1,\"ctx\":\"x\",\"msg\":\"WiredTiger checkpoint timestamp\"}")))
        .hasValue("checkpoint: WiredTiger checkpoint timestamp");
    assertThat(StartupStatus.describe(LogLine.parse("not json"))).isEmpty();
  }
}
