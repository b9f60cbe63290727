package io.restore.dump.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.dump.Namespace;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The writer thread's failures reach the threads handing it segments, whatever they are. */
class ArchiveWriterFailureTest {
  private static final Namespace NS = new Namespace("db", "c");

  /** Fails every write after the prelude with {@code error}. */
  private static OutputStream failingAfterPrelude(Error error) {
    AtomicInteger writes = new AtomicInteger();
    return new OutputStream() {
      @Override
      public void write(int b) {
        write(new byte[] {(byte) b}, 0, 1);
      }

      @Override
      public void write(byte[] b, int off, int len) {
        // the prelude is written by start() on the caller's thread, 4 writes for one namespace
        if (writes.incrementAndGet() > 4) {
          throw error;
        }
      }
    };
  }

  private static ArchiveWriter start(OutputStream out) throws IOException {
    return ArchiveWriter.start(
        out, 1, "7.0.0", "test", List.of(new ArchiveWriter.Entry(NS, NS, "{}", "collection")), 1);
  }

  // Before: the writer thread died of the OutOfMemoryError, nothing recorded the failure, and the
  // readers waited forever on the full queue (seen under -Xmx256m uploading to Azurite).
  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void runningOutOfMemoryFailsTheDumpInsteadOfHangingIt() throws Exception {
    ArchiveWriter w = start(failingAfterPrelude(new OutOfMemoryError("Java heap space")));
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100; i++) { // more than the queue holds
                w.writeSegment(NS, new byte[16], 16);
              }
              w.finish();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("ran out of memory")
        .hasMessageContaining("-Xmx")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("OutOfMemoryError"));
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.SECONDS)
  void anyOtherErrorFailsTheDumpToo() throws Exception {
    ArchiveWriter w = start(failingAfterPrelude(new AssertionError("broken invariant")));
    assertThatThrownBy(
            () -> {
              for (int i = 0; i < 100; i++) {
                w.writeSegment(NS, new byte[16], 16);
              }
              w.finish();
            })
        .isInstanceOf(IOException.class)
        .hasMessageContaining("broken invariant");
  }
}
