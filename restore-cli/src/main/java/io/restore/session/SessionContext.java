package io.restore.session;

import io.restore.kms.KeySourceFactory;
import io.restore.mongod.session.SessionRegistry;
import io.restore.process.Launcher;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * What a session takes from the world, handed in by the wiring (io.restore.cli.Wiring) instead of
 * being looked up: nothing under io.restore.session reads {@code System.getenv()} or installs a
 * signal handler on its own.
 *
 * @param environment restore's environment; mongod and the {@code --exec} command get it as theirs
 * @param launcher starts mongod, its watchdog, the version probe and the {@code --exec} command
 * @param clock for status-line timings and dump summaries
 * @param registry the session-state location (one record per live session)
 * @param keySources decrypts the master key
 * @param signals how Ctrl-C, SIGTERM and SIGHUP reach the session ({@link StopSignals#install} in
 *     the product; tests request stops themselves)
 */
public record SessionContext(
    Map<String, String> environment,
    Launcher launcher,
    Clock clock,
    SessionRegistry registry,
    KeySourceFactory keySources,
    Supplier<StopSignals> signals) {
  public SessionContext {
    environment = Map.copyOf(environment);
    Objects.requireNonNull(launcher, "launcher");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(keySources, "keySources");
    Objects.requireNonNull(signals, "signals");
  }
}
