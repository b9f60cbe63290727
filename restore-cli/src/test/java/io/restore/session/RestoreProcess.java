package io.restore.session;

import static org.awaitility.Awaitility.await;

import io.restore.testkit.ProjectPaths;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code restore} as a real child JVM ({@code java -cp <test class path> io.restore.cli.Main}),
 * with its stdout and stderr collected line by line. The mongod it runs is the testkit stand-in
 * through {@code testkit/bin/mongod}, told by {@code RESTORE_STANDIN_CLASSPATH} to run from the
 * same class path (no jar build).
 *
 * <p>The child is started through {@code env --default-signal=INT}: a non-interactive parent (a CI
 * runner, a backgrounded shell) may have SIGINT ignored, and an ignored signal stays ignored across
 * exec, so without the reset Ctrl-C could not be tested.
 */
final class RestoreProcess implements AutoCloseable {
  static final Duration PATIENCE = Duration.ofSeconds(90);
  private static final Pattern READY =
      Pattern.compile("mongod ready on port (\\d+) \\(pid (\\d+)\\)");
  private static final Pattern KMIP = Pattern.compile("KMIP server on 127\\.0\\.0\\.1:(\\d+)");

  final Process process;
  private final List<String> out = new ArrayList<>();
  private final List<String> err = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();

  private RestoreProcess(Process process) {
    this.process = process;
    readers.add(pump(process.getInputStream(), out));
    readers.add(pump(process.getErrorStream(), err));
  }

  /** The environment every test child gets: its own state dir and runtime dir, the stand-in. */
  static Map<String, String> baseEnv(Path stateDir, Path runtimeDir) {
    Map<String, String> env = new HashMap<>();
    env.put("RESTORE_STATE_DIR", stateDir.toString());
    env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    env.put("RESTORE_STANDIN_CLASSPATH", System.getProperty("java.class.path"));
    return env;
  }

  static Path standIn() {
    return ProjectPaths.root().resolve("testkit/bin/mongod");
  }

  /** {@code restore <args...>} with {@code env} added to this JVM's environment. */
  static RestoreProcess start(Map<String, String> env, String... args) throws IOException {
    return new RestoreProcess(builder(env, args).start());
  }

  /** The child's command line and environment, for tests that run it their own way (a pty). */
  static ProcessBuilder builder(Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.addAll(List.of("env", "--default-signal=INT"));
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // start-up speed only: the session does little CPU work
    command.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto"));
    command.addAll(List.of("-cp", System.getProperty("java.class.path"), "io.restore.cli.Main"));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().keySet().removeIf(k -> k.startsWith("STANDIN_") || k.equals("RESTORE_MONGOD"));
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.PIPE);
    return pb;
  }

  private static Thread pump(InputStream in, List<String> into) {
    Thread t =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  synchronized (into) {
                    into.add(line);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "restore-output");
    t.setDaemon(true);
    t.start();
    return t;
  }

  List<String> stdout() {
    synchronized (out) {
      return new ArrayList<>(out);
    }
  }

  String stderr() {
    synchronized (err) {
      return String.join("\n", err);
    }
  }

  String transcript() {
    return "--- stdout:\n" + String.join("\n", stdout()) + "\n--- stderr:\n" + stderr();
  }

  /** Waits for a line on stdout; fails at once, with the transcript, if restore exits first. */
  String awaitStdout(Predicate<String> line) {
    return awaitLine(() -> stdout(), line, "stdout");
  }

  String awaitStderr(Predicate<String> line) {
    return awaitLine(() -> List.of(stderr().split("\n")), line, "stderr");
  }

  private String awaitLine(
      java.util.function.Supplier<List<String>> lines, Predicate<String> line, String where) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              if (lines.get().stream().anyMatch(line)) {
                return true;
              }
              if (!process.isAlive()) {
                drain();
                if (lines.get().stream().anyMatch(line)) {
                  return true;
                }
                throw new AssertionError(
                    "restore exited "
                        + process.exitValue()
                        + " before the expected "
                        + where
                        + " line:\n"
                        + transcript());
              }
              return false;
            });
    return lines.get().stream().filter(line).findFirst().orElseThrow();
  }

  /** The mongodb:// URI restore prints on stdout in wait mode. */
  String awaitUri() {
    return awaitStdout(l -> l.startsWith("mongodb://"));
  }

  /** mongod's pid from "mongod ready on port P (pid N)". */
  long mongodPid() {
    Matcher m = READY.matcher(awaitStderr(l -> READY.matcher(l).find()));
    m.find();
    return Long.parseLong(m.group(2));
  }

  int mongodPort() {
    Matcher m = READY.matcher(awaitStderr(l -> READY.matcher(l).find()));
    m.find();
    return Integer.parseInt(m.group(1));
  }

  Optional<Integer> kmipPort() {
    Matcher m = KMIP.matcher(stderr());
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** Every process below restore, now (mongod, the watchdog, an --exec command...). */
  List<ProcessHandle> descendants() {
    return process.descendants().toList();
  }

  void signal(String name) throws IOException, InterruptedException {
    new ProcessBuilder("kill", "-" + name, Long.toString(process.pid()))
        .inheritIO()
        .start()
        .waitFor();
  }

  /** Waits for restore to exit and its output to be read to the end. */
  int awaitExit() throws InterruptedException {
    if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      throw new AssertionError("restore still running:\n" + transcript());
    }
    drain();
    return process.exitValue();
  }

  /** What a finished run printed, and its exit code. */
  record Finished(int exit, List<String> stdout, String stderr, String transcript) {}

  /** Waits for the exit; the output, read to the end. */
  Finished finish() throws InterruptedException {
    int exit = awaitExit();
    return new Finished(exit, stdout(), stderr(), transcript());
  }

  private void drain() throws InterruptedException {
    for (Thread t : readers) {
      t.join(5000);
    }
  }

  @Override
  public void close() {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }
}
