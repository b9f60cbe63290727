package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.output.Console;
import io.restore.output.LogLevel;
import io.restore.output.Terminal;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.bson.BsonDocument;
import org.junit.jupiter.api.Test;

class LiveProgressTest {
  private final StringWriter err = new StringWriter();
  private final Console console =
      new Console(
          new PrintWriter(err, true),
          new Terminal(true, true, false, 200),
          LogLevel.INFO,
          Clock.systemUTC());

  private static CollectionPlan plan(String db, String c, long count) {
    return new CollectionPlan(
        new Namespace(db, c),
        CollectionType.COLLECTION,
        new BsonDocument(),
        null,
        List.of(),
        count,
        0);
  }

  private static CollectionResult done(CollectionPlan p, long docs) {
    return new CollectionResult(
        p.ns(),
        p.type(),
        docs,
        docs * 100,
        docs,
        Duration.ofMillis(300),
        CollectionResult.Status.VERIFIED,
        null);
  }

  /** The live block as drawn last: the lines after the last erase. */
  private String lastFrame() {
    String s = err.toString();
    int at = s.lastIndexOf("\u001b[J");
    return at < 0 ? s : s.substring(at + 3);
  }

  @Test
  void oneLinePerRunningCollectionAndATotalLineAndFinishedOnesOnceAbove() {
    LiveProgress p = new LiveProgress(console);
    List<CollectionPlan> plans =
        List.of(
            plan("shop", "orders", 1500),
            plan("shop", "users", 600),
            plan("crm", "c", 300),
            plan("a", "events", 1500),
            plan("a", "stats", 91));
    p.planned(plans);
    for (CollectionPlan c : plans.subList(0, 4)) {
      p.started(c);
    }
    p.advanced(plans.get(0).ns(), 300, 30_000);
    p.redraw();
    assertThat(lastFrame().split("\n"))
        .hasSize(5)
        .anyMatch(l -> l.matches("  shop\\.orders +300/1,500 docs +20%  29\\.3 KiB.*"))
        .anyMatch(l -> l.startsWith("  shop.users "))
        .anyMatch(
            l ->
                l.startsWith("  total ")
                    && l.contains("300/3,991 docs")
                    && l.endsWith("[0/5 collections]"));
    p.finished(done(plans.get(2), 300));
    assertThat(lastFrame()).startsWith("dumped crm.c: 300 documents");
    assertThat(java.util.Arrays.stream(lastFrame().split("\n")).filter(l -> l.startsWith("  ")))
        .hasSize(4)
        .noneMatch(l -> l.startsWith("  crm.c"));
    p.done(
        new DumpSummary(
            true,
            "directory",
            "/out",
            java.time.Instant.now(),
            Duration.ofSeconds(1),
            List.of(done(plans.get(2), 300)),
            null,
            null));
    assertThat(lastFrame()).startsWith("dump complete and verified: 1 collections");
  }

  @Test
  void rateAndEtaAreReadable() {
    assertThat(LiveProgress.describe(2500, 10_000, 5 * 1024 * 1024, 2_000_000_000L))
        .isEqualTo("2,500/10,000 docs  25%  5.0 MiB  1,250 docs/s  ETA 0:06");
    assertThat(LiveProgress.describe(10, 0, 2048, 100_000_000L)).isEqualTo("10 docs  2.0 KiB");
    assertThat(LiveProgress.clock(3725)).isEqualTo("1:02:05");
  }
}
