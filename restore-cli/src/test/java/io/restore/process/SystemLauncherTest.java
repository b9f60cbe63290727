package io.restore.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The real launcher's {@code run}: exit codes as data, the environment as given, timeout, cancel.
 */
class SystemLauncherTest {
  private final Launcher launcher = Launcher.system();

  @Test
  void runReturnsTheExitCodeAndTheOutputWithExactlyTheGivenEnvironment() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Completed done =
        launcher.run(
            RunSpec.of(
                List.of("/bin/sh", "-c", "echo \"$ONLY_THIS ${HOME:-no-home}\"; exit 7"),
                Map.of("ONLY_THIS", "a b $c"),
                out,
                Duration.ofSeconds(30)));
    assertThat(done).isEqualTo(new Completed(7, false));
    assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo("a b $c no-home\n");
  }

  @Test
  void aChildPastItsTimeoutIsDestroyed() throws Exception {
    Completed done =
        launcher.run(
            RunSpec.of(
                List.of("/bin/sleep", "60"),
                Map.of(),
                new ByteArrayOutputStream(),
                Duration.ofMillis(200)));
    assertThat(done.destroyed()).isTrue();
  }

  @Test
  void theCancelActionDestroysTheChild() throws Exception {
    CompletableFuture<Runnable> cancel = new CompletableFuture<>();
    CompletableFuture<Completed> done =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return launcher.run(
                    new RunSpec(
                        List.of("/bin/sleep", "60"),
                        Map.of(),
                        new ByteArrayOutputStream(),
                        new ByteArrayOutputStream(),
                        Optional.empty(),
                        cancel::complete));
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });
    cancel.get().run();
    assertThat(done.get().destroyed()).isTrue();
  }

  @Test
  void aMissingExecutableIsAnIoException() {
    assertThatThrownBy(
            () ->
                launcher.run(
                    RunSpec.of(
                        List.of("/nonexistent/tool"),
                        Map.of(),
                        new ByteArrayOutputStream(),
                        Duration.ofSeconds(5))))
        .isInstanceOf(IOException.class);
  }
}
