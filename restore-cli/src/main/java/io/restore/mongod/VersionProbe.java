package io.restore.mongod;

import io.restore.process.Launcher;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Runs {@code <binary> --version} (through the launcher: plain ProcessBuilder, because Commons
 * Exec's ExecuteWatchdog ends only the direct child) with a hard limit: the child leads its own
 * process group, and the limit (or a stop request) kills the whole group, so nothing it started can
 * keep restore waiting on the output pipe. The output is read on its own thread and capped.
 */
final class VersionProbe {
  /** mongod's answer is a few KiB; anything longer is not mongod. */
  private static final int MAX_OUTPUT = 64 * 1024;

  /** How long the reader may take to see end-of-file once the group is gone. */
  private static final Duration DRAIN = Duration.ofSeconds(2);

  enum Outcome {
    EXITED,
    TIMED_OUT,
    STOPPED,
    FAILED_TO_START
  }

  /** What the run produced; {@code text} is the error message when it failed to start. */
  record Output(Outcome outcome, int exitCode, String text) {}

  private VersionProbe() {}

  static Output run(
      Launcher launcher,
      Map<String, String> env,
      MongodBinary binary,
      Duration timeout,
      CompletableFuture<?> stop) {
    ProcessBuilder pb =
        new ProcessBuilder(ProcessGroup.ownGroup(List.of(binary.path().toString(), "--version")))
            .redirectErrorStream(true)
            .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = launcher.start(pb);
    } catch (IOException e) {
      return new Output(Outcome.FAILED_TO_START, -1, e.getMessage());
    }
    CompletableFuture<String> text = read(p.getInputStream());
    Outcome outcome;
    try {
      CompletableFuture.anyOf(p.onExit(), stop).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      outcome = p.isAlive() ? Outcome.STOPPED : Outcome.EXITED;
    } catch (TimeoutException e) {
      outcome = Outcome.TIMED_OUT;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      outcome = Outcome.STOPPED;
    } catch (ExecutionException e) {
      outcome = p.isAlive() ? Outcome.STOPPED : Outcome.EXITED; // stop completed exceptionally
    }
    // Also after a normal exit: a straggler of a wrapper must not hold the pipe (or run on).
    ProcessGroup.kill(p);
    String out;
    try {
      out = text.get(DRAIN.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      out = "";
    } catch (ExecutionException | TimeoutException e) {
      out = ""; // a grandchild in a group of its own still holds the pipe: give up on the text
    }
    int exit = outcome == Outcome.EXITED ? p.exitValue() : -1;
    return new Output(outcome, exit, out);
  }

  private static CompletableFuture<String> read(InputStream in) {
    CompletableFuture<String> result = new CompletableFuture<>();
    Thread t =
        new Thread(
            () -> {
              ByteArrayOutputStream buf = new ByteArrayOutputStream();
              byte[] chunk = new byte[8192];
              try (in) {
                for (int n; (n = in.read(chunk)) >= 0; ) {
                  if (buf.size() < MAX_OUTPUT) {
                    buf.write(chunk, 0, Math.min(n, MAX_OUTPUT - buf.size()));
                  }
                }
              } catch (IOException e) {
                // the pipe closed under us: keep what was read
              }
              result.complete(buf.toString(StandardCharsets.UTF_8));
            },
            "mongod-version-output");
    t.setDaemon(true);
    t.start();
    return result;
  }
}
