package io.restore.testkit.mongod;

import static org.awaitility.Awaitility.await;

import io.restore.testkit.ProjectPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stand-in as a real child process, started through testkit/bin/mongod with this JVM's class
 * path, its output captured line by line (or, {@link #inThisJvm}, the same code on a thread of this
 * JVM). For tests of the stand-in itself and of restore against it.
 */
public final class StandInRun implements AutoCloseable {
  private static final Pattern PORT = Pattern.compile("\"id\":23016,.*\"port\":(\\d+)");

  public final Process process;
  private final List<String> lines = new ArrayList<>();
  private final Thread reader;

  private StandInRun(Process process) {
    this.process = process;
    reader =
        new Thread(
            () -> {
              try (BufferedReader in =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = in.readLine()) != null; ) {
                  synchronized (lines) {
                    lines.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            });
    reader.setDaemon(true);
    reader.start();
  }

  /** Starts the stand-in with {@code args}; {@code env} adds fault switches (STANDIN_*). */
  public static StandInRun start(Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(ProjectPaths.root().resolve("testkit/bin/mongod").toString());
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    // Only the switches asked for here: none leaks in from this JVM's environment.
    pb.environment().keySet().removeIf(k -> k.startsWith("STANDIN_"));
    pb.environment().put("RESTORE_STANDIN_CLASSPATH", System.getProperty("java.class.path"));
    pb.environment().putAll(env);
    return new StandInRun(pb.start());
  }

  /**
   * The stand-in inside this JVM ({@link StandInProcess}): for tests of what it does over KMIP and
   * the wire protocol, where a JVM start per scenario buys nothing. Real signals, the dbpath lock
   * between processes and the script itself need {@link #start}.
   */
  public static StandInRun inThisJvm(Map<String, String> env, String... args) {
    Map<String, String> all = new java.util.HashMap<>(System.getenv());
    all.keySet().removeIf(k -> k.startsWith("STANDIN_"));
    all.putAll(env);
    return new StandInRun(StandInProcess.start(List.of(args), all));
  }

  public List<String> lines() {
    synchronized (lines) {
      return new ArrayList<>(lines);
    }
  }

  public String output() {
    return String.join("\n", lines());
  }

  public Optional<String> logLine(int id) {
    String marker = "\"id\":" + id + ",";
    return lines().stream().filter(l -> l.contains(marker)).findFirst();
  }

  /** Waits for a log id; fails at once (with the output) if the process exits first. */
  public String awaitLog(int id) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (logLine(id).isPresent()) {
                return true;
              }
              if (!process.isAlive()) {
                reader.join(5000); // the reader has drained the pipe once it ends
                if (logLine(id).isPresent()) {
                  return true;
                }
                throw new AssertionError(
                    "exited " + process.exitValue() + " before log id " + id + ":\n" + output());
              }
              return false;
            });
    return logLine(id).orElseThrow();
  }

  public int port() {
    Matcher m = PORT.matcher(awaitLog(23016));
    if (!m.find()) {
      throw new AssertionError("no port in " + logLine(23016));
    }
    return Integer.parseInt(m.group(1));
  }

  public int awaitExit() throws InterruptedException {
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      throw new AssertionError("still running:\n" + output());
    }
    reader.join(5000); // the reader drains the pipe to its end
    return process.exitValue();
  }

  public void signal(String name) throws IOException, InterruptedException {
    if (process instanceof StandInProcess inJvm) {
      inJvm.signal(name);
      return;
    }
    new ProcessBuilder("kill", "-" + name, String.valueOf(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /** SIGTERM once it is ready; its exit code. */
  public int stop() throws InterruptedException {
    port();
    process.destroy();
    return awaitExit();
  }

  @Override
  public void close() {
    process.destroyForcibly();
  }
}
