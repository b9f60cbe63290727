package io.restore.session;

import io.restore.mongod.MongodBinary;
import io.restore.mongod.MongodVersion;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Finding mongod and its {@code --version} probe, started on a thread of its own before the
 * snapshot is read: the two do not need each other, and the probe is a process start (a whole JVM
 * for the stand-in; docs/benchmarks.md, "restore open overhead"). The flow still takes the result
 * before any KMS call, and only after the snapshot was read, so a bad snapshot is reported first,
 * whatever the probe found. Closed untaken (the session failed first), it stops the probe's process
 * group and waits for it, so nothing is left running.
 */
final class ProbeInAdvance implements AutoCloseable {
  /** The binary and its version, Enterprise checked. */
  record Found(MongodBinary binary, MongodVersion version) {}

  private final CompletableFuture<Found> found = new CompletableFuture<>();
  private final CompletableFuture<Void> abandon = new CompletableFuture<>();
  private boolean taken;

  private ProbeInAdvance() {}

  static ProbeInAdvance start(
      SessionSteps steps, Optional<Path> flag, Map<String, String> env, StopSignals signals) {
    ProbeInAdvance p = new ProbeInAdvance();
    // Its own thread, not the common pool: on two cores that pool has one thread, which the
    // session PKI made in advance (PkiInAdvance) also needs.
    Thread t =
        new Thread(
            () -> {
              try {
                MongodBinary binary = MongodBinary.find(flag, env);
                p.found.complete(new Found(binary, steps.probe(binary, signals, p.abandon)));
              } catch (Throwable e) {
                p.found.completeExceptionally(e);
              }
            },
            "mongod-version-probe");
    t.setDaemon(true);
    t.start();
    return p;
  }

  /** Waits for the probe: its result, or what made it fail (a RestoreException). */
  Found take() {
    taken = true;
    return PkiInAdvance.joinUnwrapped(found);
  }

  @Override
  public void close() {
    if (!taken) {
      abandon.complete(null); // ends the probe's process group at once
      found.handle((f, e) -> null).join();
    }
  }
}
