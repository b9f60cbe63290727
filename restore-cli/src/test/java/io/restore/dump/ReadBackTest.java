package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a file back from disk while another thread is still writing it. */
class ReadBackTest {
  @TempDir Path tmp;

  @Test
  void readsEverythingWrittenWhileItIsWrittenAndEndsWhenTheWriterCloses() throws Exception {
    Path f = tmp.resolve("a");
    ReadBack rb = new ReadBack(f);
    OutputStream out = rb.track(Files.newOutputStream(f));
    byte[] data = new byte[3_000_000];
    new Random(5).nextBytes(data);
    CompletableFuture<byte[]> read =
        CompletableFuture.supplyAsync(
            () -> {
              try (InputStream in = rb.input()) {
                return in.readAllBytes();
              } catch (IOException e) {
                throw new RuntimeException(e);
              }
            });
    for (int at = 0; at < data.length; at += 70_001) {
      out.write(data, at, Math.min(70_001, data.length - at));
    }
    assertThat(read).isNotDone(); // still waiting for more: the writer has not closed
    out.close();
    assertThat(read.get(60, TimeUnit.SECONDS)).isEqualTo(data);
  }

  @Test
  void anAbandonedReadBackFailsTheReaderInsteadOfWaiting() throws Exception {
    Path f = tmp.resolve("b");
    ReadBack rb = new ReadBack(f);
    OutputStream out = rb.track(Files.newOutputStream(f));
    out.write(new byte[10]);
    InputStream in = rb.input();
    assertThat(in.readNBytes(10)).hasSize(10);
    rb.abandon(new IOException("the dump stopped"));
    assertThatThrownBy(in::read).isInstanceOf(IOException.class).hasMessageContaining("stopped");
    in.close();
    out.close();
  }
}
