package io.restore.mongod;

import io.restore.process.Launcher;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Everything {@link MongodProcess#start} needs besides the command line's contents.
 *
 * @param logFile mongod's stdout and stderr, appended line by line (the session log)
 * @param startupTimeout budget for the whole readiness wait (default 10 min: recovery of a large
 *     snapshot is slow)
 * @param watchdogGrace empty = no watchdog; otherwise how long the watchdog lets mongod shut down
 *     after SIGTERM before it sends SIGKILL
 * @param watchdogOutput where the watchdog's lines go (INHERIT = restore's stderr)
 * @param progress one line per noteworthy event (shutdown rungs, SIGKILL warnings); the CLI prints
 *     them on stderr
 * @param launcher starts mongod and the watchdog (tests substitute an in-JVM stand-in)
 * @param environment mongod's whole environment (restore's, as the wiring holds it)
 */
public record MongodLaunch(
    MongodCommand command,
    Path logFile,
    Duration startupTimeout,
    ShutdownPolicy shutdown,
    Optional<Duration> watchdogGrace,
    ProcessBuilder.Redirect watchdogOutput,
    int tailLines,
    Consumer<String> progress,
    Launcher launcher,
    Map<String, String> environment) {

  public static final Duration DEFAULT_STARTUP_TIMEOUT = Duration.ofMinutes(10);
  public static final Duration DEFAULT_WATCHDOG_GRACE = Duration.ofMinutes(2);

  public MongodLaunch {
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(logFile, "logFile");
    Objects.requireNonNull(startupTimeout, "startupTimeout");
    Objects.requireNonNull(shutdown, "shutdown");
    Objects.requireNonNull(watchdogGrace, "watchdogGrace");
    Objects.requireNonNull(watchdogOutput, "watchdogOutput");
    Objects.requireNonNull(progress, "progress");
    Objects.requireNonNull(launcher, "launcher");
    environment = Map.copyOf(environment);
    if (tailLines < MongodStartException.SHOWN_LINES) {
      throw new IllegalArgumentException("tailLines below " + MongodStartException.SHOWN_LINES);
    }
  }

  /**
   * Defaults: 10 min start-up, default ladder, a watchdog, progress to stderr, real processes with
   * this JVM's environment.
   */
  public static MongodLaunch of(MongodCommand command, Path logFile) {
    return new MongodLaunch(
        command,
        logFile,
        DEFAULT_STARTUP_TIMEOUT,
        ShutdownPolicy.defaults(),
        Optional.of(DEFAULT_WATCHDOG_GRACE),
        ProcessBuilder.Redirect.INHERIT,
        MongodLog.DEFAULT_TAIL,
        System.err::println,
        Launcher.system(),
        System.getenv());
  }

  public MongodLaunch withStartupTimeout(Duration d) {
    return new MongodLaunch(
        command,
        logFile,
        d,
        shutdown,
        watchdogGrace,
        watchdogOutput,
        tailLines,
        progress,
        launcher,
        environment);
  }

  public MongodLaunch withShutdown(ShutdownPolicy p) {
    return new MongodLaunch(
        command,
        logFile,
        startupTimeout,
        p,
        watchdogGrace,
        watchdogOutput,
        tailLines,
        progress,
        launcher,
        environment);
  }

  public MongodLaunch withWatchdog(Optional<Duration> grace, ProcessBuilder.Redirect output) {
    return new MongodLaunch(
        command,
        logFile,
        startupTimeout,
        shutdown,
        grace,
        output,
        tailLines,
        progress,
        launcher,
        environment);
  }

  public MongodLaunch withProgress(Consumer<String> p) {
    return new MongodLaunch(
        command,
        logFile,
        startupTimeout,
        shutdown,
        watchdogGrace,
        watchdogOutput,
        tailLines,
        p,
        launcher,
        environment);
  }

  /** Starts mongod (and its watchdog) through {@code l}, with {@code env} as its environment. */
  public MongodLaunch withProcesses(Launcher l, Map<String, String> env) {
    return new MongodLaunch(
        command,
        logFile,
        startupTimeout,
        shutdown,
        watchdogGrace,
        watchdogOutput,
        tailLines,
        progress,
        l,
        env);
  }
}
