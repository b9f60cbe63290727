package io.restore.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Concurrent sources' stderr: whole lines, each naming its source, never a rewritten line. */
class LabelledLinesTest {
  @Test
  void eachWholeLineNamesItsSourceAndCarriageReturnsAreDropped() {
    StringWriter out = new StringWriter();
    PrintWriter shared = new PrintWriter(out);
    PrintWriter a = new PrintWriter(new LabelledLines(shared, "shard-0"));
    PrintWriter b = new PrintWriter(new LabelledLines(shared, "config"));

    a.print("restore: downloaded 1 MiB");
    b.println("restore: extracting into /w");
    a.print("\r, 2 MiB/s\n");
    b.println("no prefix");

    assertThat(out.toString().lines())
        .containsExactly(
            "restore: config: extracting into /w",
            "restore: shard-0: downloaded 1 MiB, 2 MiB/s",
            "config: no prefix");
  }
}
