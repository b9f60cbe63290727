package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.mongod.MongodBinary;
import io.restore.mongod.MongodVersion;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.session.SessionRegistry;
import io.restore.tls.SessionPki;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code restore open|dump SOURCE…} for a sharded cluster's snapshot set: the flow of {@link
 * RestoreSession} for N components (docs/design/sharding.md, "One session for a cluster"). Each
 * resource of the try-with-resources is one step for every component; closing them in reverse order
 * is the teardown: every mongod's shutdown ladder (in parallel), then the one KMIP server, the
 * certificate files, the session folder, the keys (zeroed), the claims on the dbpaths.
 */
public final class ClusterSession {
  private final SessionContext context;
  private final SessionRegistry registry;
  private final Map<String, String> env;
  private final SessionOutput output;
  private final SessionSteps steps;
  private final Optional<java.util.function.Consumer<ClusterReady>> onReady;

  /**
   * @param onReady called once every component is ready and identified ({@code open --json} prints
   *     its object); without one, the components' lines are printed on stdout
   */
  public ClusterSession(
      SessionContext context,
      SessionOutput output,
      Optional<java.util.function.Consumer<ClusterReady>> onReady) {
    this.context = context;
    this.registry = context.registry();
    this.env = context.environment();
    this.output = output;
    this.steps = new SessionSteps(context, output);
    this.onReady = onReady;
  }

  /** Runs the session and returns restore's exit code. */
  public int open(ClusterRequest r, ClusterJob job) {
    try (StopSignals signals = context.signals().get()) {
      return open(r, job, signals);
    }
  }

  int open(ClusterRequest r, ClusterJob job, StopSignals signals) {
    // 1. Every component's snapshot: key id, provider, metadata (fails before anything starts).
    List<ClusterComponent> components = ClusterComponent.plan(r, output);
    if (job instanceof ClusterJob.Dump dump) {
      dump.dump().preflight();
    }
    // 2. One usable mongod binary (Enterprise), probed once, before any KMS call.
    OpenRequest shared = r.shared();
    MongodBinary binary = MongodBinary.find(shared.mongod().binaryFlag(), env);
    MongodVersion version = steps.probe(binary, signals);
    output.facts().mongodVersion(version.version());
    output.status("mongod " + version.version() + " (Enterprise) at " + binary.path());
    version.tooOldWarning().ifPresent(w -> output.status("warning: " + w));
    ShutdownPolicy shutdown = steps.shutdownPolicy();
    int parallel =
        MongodBudget.parallel(
            r.maxParallelMongods(),
            components.stream().map(c -> MongodBudget.sizeOnDisk(c.dbpath())).toList(),
            MongodBudget.availableMemory());
    try (ComponentClaims claims = ComponentClaims.claim(registry, components);
        ComponentKeys keys = decrypt(components, signals);
        SessionPki pki = SessionPki.create(shared.pki());
        SessionDirectory dir = SessionDirectory.create(env);
        WrittenCerts certs =
            WrittenCerts.write(
                pki,
                shared.certDir().orElse(dir.path()),
                shared.clientKeyPassword(),
                shared.keepCerts());
        ServedKey kmip =
            ServedKey.start(
                keys.byKeyId(),
                pki.serverContext(),
                InetAddress.getLoopbackAddress(),
                0,
                "--kmip-port")) {
      // 3. One KMIP server serves every component's key; each mongod asks for its own.
      output.facts().kmipPort(kmip.endpoint().port());
      output.facts().sessionId(dir.path().getFileName().toString());
      output.status(
          "KMIP server on "
              + kmip.endpoint().host()
              + ":"
              + kmip.endpoint().port()
              + " serving "
              + keys.byKeyId().size()
              + " keys");
      SessionSteps.checkNotStopped(signals);
      // 4. One mongod per component, `parallel` starting at a time; Ctrl-C stops them all.
      output.status("starting " + components.size() + " mongods, " + parallel + " at a time");
      // A shard's or config server's files start as a standalone only without the sharding
      // checks (docs/design/atlas-snapshot.md, --shard).
      OpenRequest.MongodPlan plan = shardPlan(shared.mongod());
      try (ComponentMongods mongods =
          ComponentMongods.start(
              components,
              parallel,
              c ->
                  new SessionSteps.Launch(
                      plan,
                      binary,
                      shutdown,
                      dir,
                      certs,
                      kmip,
                      shared.clientKeyPassword(),
                      "mongod for " + c.shown(),
                      "mongod-" + (c.index() + 1) + ".log"),
              claims,
              steps,
              signals)) {
        // 5. Which component is which, from what the running mongods say.
        ClusterReady ready =
            ClusterIdentification.identify(
                components, mongods, kmip, dir, version.version(), signals, output);
        // 6. The job; the teardown (try-with-resources) then stops every mongod.
        return new ClusterJobRunner(context, output, onReady)
            .run(job, ready, mongods, dir, kmip, signals);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw SessionSteps.interrupted("the session was interrupted");
    }
  }

  private static OpenRequest.MongodPlan shardPlan(OpenRequest.MongodPlan p) {
    return new OpenRequest.MongodPlan(
        p.binaryFlag(),
        p.port(),
        p.bindIp(),
        p.readOnly(),
        true,
        p.extraArgs(),
        p.startupTimeout());
  }

  /** Every component's master key, each with its own metadata and credentials. */
  private ComponentKeys decrypt(List<ClusterComponent> components, StopSignals signals) {
    ComponentKeys keys = new ComponentKeys();
    try {
      for (ClusterComponent c : components) {
        try {
          keys.add(c, steps.decrypt(c.keys(), signals));
        } catch (RestoreException e) {
          throw e.exitCode() == ExitCode.INTERRUPTED ? e : ClusterComponent.naming(c.shown(), e);
        }
      }
      return keys;
    } catch (RuntimeException e) {
      keys.close();
      throw e;
    }
  }
}
