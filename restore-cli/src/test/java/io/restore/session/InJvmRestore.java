package io.restore.session;

import static org.awaitility.Awaitility.await;

import io.restore.cli.Main;
import io.restore.cli.Wiring;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * {@code restore <args>} inside this JVM: the real command line and wiring, with the test's own
 * environment, the mongod stand-in in-JVM ({@link InJvmStandIn}) and stop requests in place of OS
 * signals. Its stdout and stderr are collected as it runs. For what needs a real restore process
 * (signals, the watchdog, exit codes of the JVM) see {@link RestoreProcess}.
 */
final class InJvmRestore implements AutoCloseable {
  private static final Duration PATIENCE = RestoreProcess.PATIENCE;
  private static final Pattern READY =
      Pattern.compile("mongod ready on port (\\d+) \\(pid (\\d+)\\)");
  private static final Pattern KMIP = Pattern.compile("KMIP server on 127\\.0\\.0\\.1:(\\d+)");

  final InJvmStandIn launcher = new InJvmStandIn();
  private final StopSignals signals = StopSignals.manual();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();

  private InJvmRestore() {}

  /**
   * This JVM's environment without stand-in switches, with the test's state and runtime folders,
   * then {@code extra}: what a child restore would get from {@link RestoreProcess#baseEnv}.
   */
  static Map<String, String> env(Path stateDir, Path runtimeDir, Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.keySet().removeIf(k -> k.startsWith("STANDIN_") || k.equals("RESTORE_MONGOD"));
    env.put("RESTORE_STATE_DIR", stateDir.toString());
    env.put("XDG_RUNTIME_DIR", runtimeDir.toString());
    env.putAll(extra);
    return env;
  }

  /** Runs {@code restore args} on a thread of its own. */
  static InJvmRestore start(Map<String, String> env, List<String> args) {
    InJvmRestore r = new InJvmRestore();
    CommandLine cmd = Main.commandLine(Wiring.of(env, r.launcher, () -> r.signals));
    cmd.setOut(new PrintWriter(r.out, true));
    cmd.setErr(new PrintWriter(r.err, true));
    Thread t =
        new Thread(
            () -> {
              try {
                r.exit.complete(cmd.execute(args.toArray(String[]::new)));
              } catch (Throwable e) {
                r.exit.completeExceptionally(e);
              }
            },
            "restore-in-jvm");
    t.setDaemon(true);
    t.start();
    return r;
  }

  String stdout() {
    return out.toString();
  }

  String stderr() {
    return err.toString();
  }

  String transcript() {
    return "--- stdout:\n" + stdout() + "\n--- stderr:\n" + stderr();
  }

  boolean isRunning() {
    return !exit.isDone();
  }

  /** A stop request, as SIGTERM/SIGINT ({@code name} without "SIG") would make. */
  void signal(String name) {
    signals.request("SIG" + name);
  }

  String awaitStdout(Predicate<String> line) {
    return awaitLine(this::stdout, line, "stdout");
  }

  String awaitStderr(Predicate<String> line) {
    return awaitLine(this::stderr, line, "stderr");
  }

  private String awaitLine(
      java.util.function.Supplier<String> text, Predicate<String> line, String where) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(20))
        .until(
            () -> {
              if (text.get().lines().anyMatch(line)) {
                return true;
              }
              if (exit.isDone()) {
                if (text.get().lines().anyMatch(line)) {
                  return true;
                }
                throw new AssertionError(
                    "restore ended before the expected " + where + " line:\n" + transcript());
              }
              return false;
            });
    return text.get().lines().filter(line).findFirst().orElseThrow();
  }

  String awaitUri() {
    return awaitStdout(l -> l.startsWith("mongodb://"));
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

  /** restore's exit code, once it has returned. */
  int awaitExit() throws Exception {
    try {
      return exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
    } catch (TimeoutException e) {
      throw new AssertionError("restore still running:\n" + transcript());
    }
  }

  /** Every stand-in this run started has ended. */
  void assertStandInsEnded() {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                org.assertj.core.api.Assertions.assertThat(launcher.standIns())
                    .as("stand-ins still running")
                    .noneMatch(Process::isAlive));
  }

  /** On a failed test: stop what is left (the session first, then its mongod). */
  @Override
  public void close() throws Exception {
    if (isRunning()) {
      signal("TERM");
      try {
        exit.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException | java.util.concurrent.ExecutionException e) {
        // reported by the test that failed
      }
    }
    launcher.standIns().forEach(Process::destroyForcibly);
  }
}
