package io.restore.session;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Ctrl-C (SIGINT), SIGTERM and SIGHUP become a request to tear down, carried out by the session's
 * own thread in its usual order. The JVM's default handlers would instead run shutdown hooks on an
 * arbitrary thread while the session is mid-step; here a signal only completes {@link #requested()}
 * and runs the current phase's stop action (e.g. stop a starting mongod), so no thread is
 * interrupted in the middle of a shutdown ladder.
 */
public final class StopSignals implements AutoCloseable {
  private static final String[] NAMES = {"INT", "TERM", "HUP"};

  private final CompletableFuture<String> requested = new CompletableFuture<>();
  private final CompletableFuture<String> faster = new CompletableFuture<>();
  private final AtomicReference<Runnable> onStop = new AtomicReference<>(() -> {});
  private final List<Signal> installed = new ArrayList<>();
  private final List<SignalHandler> previous = new ArrayList<>();

  private StopSignals() {}

  /** Takes over SIGINT, SIGTERM and SIGHUP until {@link #close()}. */
  public static StopSignals install() {
    StopSignals s = new StopSignals();
    for (String name : NAMES) {
      try {
        Signal signal = new Signal(name);
        s.previous.add(Signal.handle(signal, s::handle));
        s.installed.add(signal);
      } catch (IllegalArgumentException e) {
        // The signal is not available here (e.g. HUP under some launchers): keep the default.
      }
    }
    return s;
  }

  /**
   * Stop requests that come only through {@link #request} (no OS signal handler): for a session run
   * inside a larger program, such as a test JVM, whose signals are not the session's.
   */
  public static StopSignals manual() {
    return new StopSignals();
  }

  /**
   * For tests and for code paths that stop for reasons of their own. The first request starts the
   * teardown; a second one (Ctrl-C again) completes {@link #faster()}.
   */
  public void request(String why) {
    if (requested.complete(why)) {
      onStop.get().run();
    } else {
      faster.complete(why);
    }
  }

  private void handle(Signal signal) {
    request("SIG" + signal.getName());
  }

  /** Completes with the signal's name (e.g. {@code SIGINT}) when a stop is requested. */
  public CompletableFuture<String> requested() {
    return requested;
  }

  /**
   * Completes with the signal's name on a second stop request: the user wants the teardown to go
   * faster. What may be cut short, and what never is, is in docs/design/reliability.md row 20.
   */
  public CompletableFuture<String> faster() {
    return faster;
  }

  public boolean isRequested() {
    return requested.isDone();
  }

  public Optional<String> reason() {
    return Optional.ofNullable(requested.getNow(null));
  }

  /**
   * What to do at once when a stop is requested in the current phase; runs immediately when a stop
   * was already requested.
   */
  public void onStop(Runnable action) {
    onStop.set(action);
    if (requested.isDone()) {
      action.run();
    }
  }

  @Override
  public void close() {
    for (int i = 0; i < installed.size(); i++) {
      Signal.handle(installed.get(i), previous.get(i));
    }
    installed.clear();
    previous.clear();
  }
}
