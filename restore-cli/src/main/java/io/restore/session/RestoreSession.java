package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeyPlan;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.mongod.MongodBinary;
import io.restore.mongod.MongodProcess;
import io.restore.mongod.MongodVersion;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.session.SessionClaim;
import io.restore.mongod.session.SessionRegistry;
import io.restore.snapshot.Snapshot;
import io.restore.tls.SessionPki;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code restore open}: the whole flow of docs/design/architecture.md, top to bottom. Each resource
 * of the try-with-resources is one step; closing them in reverse order is the teardown: mongod's
 * shutdown ladder, then the KMIP server, the certificate files, the session folder, the key
 * (zeroed), and last the claim on the dbpath.
 */
public final class RestoreSession {
  /** Seconds mongod may take to exit per shutdown rung (see {@link #shutdownPolicy()}). */
  public static final String SHUTDOWN_TIMEOUT_ENV = "RESTORE_SHUTDOWN_TIMEOUT";

  private final SessionContext context;
  private final SessionRegistry registry;
  private final Map<String, String> env;
  private final SessionOutput output;
  private final SessionSteps steps;

  public RestoreSession(SessionContext context, SessionOutput output) {
    this.context = context;
    this.registry = context.registry();
    this.env = context.environment();
    this.output = output;
    this.steps = new SessionSteps(context, output);
  }

  /** Runs the session and returns restore's exit code. */
  public int open(OpenRequest r, Job job) {
    try (StopSignals signals = context.signals().get()) {
      return open(r, job, signals);
    }
  }

  int open(OpenRequest r, Job job, StopSignals signals) {
    // 2 starts first, on its own thread: a process start that needs nothing from step 1.
    try (ProbeInAdvance probe =
        ProbeInAdvance.start(steps, r.mongod().binaryFlag(), env, signals)) {
      return open(r, job, signals, probe);
    }
  }

  private int open(OpenRequest r, Job job, StopSignals signals, ProbeInAdvance probe) {
    // 1. The snapshot: key id, provider, metadata (fails before anything starts).
    KeyPlan keyPlan = KeySources.plan(r.dbpath(), r.keys());
    Snapshot snapshot = keyPlan.snapshot();
    output.facts().snapshot(snapshot.keyId(), snapshot.provider().id(), snapshot.dbpath());
    keyPlan.warnings().forEach(w -> output.status("warning: " + w));
    output.timing("snapshot read");
    if (job instanceof Job.Dump dump) {
      dump.dump().preflight(); // an unusable output must not cost a KMS call and a mongod start
    }
    // 2. A usable mongod (Enterprise), found and probed since the start, taken before any KMS
    // call and only now: a bad snapshot's error comes first. The session PKI is made meanwhile.
    try (PkiInAdvance advance = PkiInAdvance.start(r.pki())) {
      ProbeInAdvance.Found found = probe.take();
      MongodBinary binary = found.binary();
      MongodVersion version = found.version();
      output.facts().mongodVersion(version.version());
      output.status("mongod " + version.version() + " (Enterprise) at " + binary.path());
      version.tooOldWarning().ifPresent(w -> output.status("warning: " + w));
      ShutdownPolicy shutdown = steps.shutdownPolicy();
      try (SessionClaim claim = claim(registry, snapshot.dbpath());
          MasterKey key = steps.decrypt(keyPlan, signals);
          SessionPki pki = advance.take();
          SessionDirectory dir = SessionDirectory.create(env);
          WrittenCerts certs =
              WrittenCerts.write(
                  pki, r.certDir().orElse(dir.path()), r.clientKeyPassword(), r.keepCerts());
          ServedKey kmip =
              ServedKey.start(
                  snapshot.keyId(),
                  key,
                  pki.serverContext(),
                  InetAddress.getLoopbackAddress(),
                  0,
                  "--kmip-port")) {
        output.facts().kmipPort(kmip.endpoint().port());
        output.facts().sessionId(dir.path().getFileName().toString());
        output.status("KMIP server on " + kmip.endpoint().host() + ":" + kmip.endpoint().port());
        SessionSteps.checkNotStopped(signals);
        MongodProcess mongod = startMongod(r, binary, shutdown, claim, dir, certs, kmip, signals);
        try {
          return runJob(job, mongod, snapshot, kmip, signals);
        } finally {
          // 7. Teardown starts with mongod's shutdown ladder on every path, and says how it went.
          steps.report(mongod.stop(), "mongod");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw SessionSteps.interrupted("the session was interrupted");
      }
    }
  }

  /**
   * Claims the dbpath in the session registry (one session per dbpath); see {@link
   * SessionSteps#claim}.
   */
  static SessionClaim claim(SessionRegistry registry, Path dbpath) {
    return SessionSteps.claim(registry, dbpath);
  }

  /** Step 5: launch mongod and wait until it is ready; Ctrl-C while it starts stops it now. */
  private MongodProcess startMongod(
      OpenRequest r,
      MongodBinary binary,
      ShutdownPolicy shutdown,
      SessionClaim claim,
      SessionDirectory dir,
      WrittenCerts certs,
      ServedKey kmip,
      StopSignals signals)
      throws InterruptedException {
    SessionSteps.Launch launch =
        new SessionSteps.Launch(
            r.mongod(),
            binary,
            shutdown,
            dir,
            certs,
            kmip,
            r.clientKeyPassword(),
            "mongod",
            "mongod.log");
    // Ctrl-C while mongod starts: stop it now; the wait then fails and we tear down.
    MongodProcess mongod = steps.startMongod(launch, claim, signals, p -> signals.onStop(p::close));
    output.facts().mongod(mongod.uri(), mongod.port().orElseThrow(), mongod.pid());
    return mongod;
  }

  /** Step 6. */
  private int runJob(
      Job job, MongodProcess mongod, Snapshot snapshot, ServedKey kmip, StopSignals signals)
      throws InterruptedException {
    String uri = mongod.uri();
    output.ready();
    if (job instanceof Job.Wait) {
      return waitForStop(mongod, uri, signals);
    }
    if (job instanceof Job.Exec exec) {
      Map<String, String> environment = new HashMap<>(env);
      environment.put("MONGODB_URI", uri);
      environment.put("RESTORE_KMIP_PORT", Integer.toString(kmip.endpoint().port()));
      environment.put("RESTORE_DBPATH", snapshot.dbpath().toString());
      int code =
          new ExecJob(exec.command(), environment, output, context.launcher()).run(mongod, signals);
      SessionSteps.failIfMongodDied(mongod, signals, "mongod");
      return signals.isRequested() ? ExitCode.INTERRUPTED.value() : code;
    }
    Job.Dump dump = (Job.Dump) job;
    // Ctrl-C mid-dump, or mongod exiting under it: cancel the dump at once (its client closed, its
    // readers stopped) rather than let it wait out the driver's 30 s server selection; its partial
    // output is removed (docs/design/dump-format.md, docs/design/reliability.md row 12). mongod
    // then gets the ordinary
    // shutdown ladder in the teardown, on this thread.
    signals.onStop(dump.dump()::cancel);
    mongod.onExit().thenRun(dump.dump()::cancel);
    try {
      int code = dump.dump().run(uri);
      SessionSteps.failIfMongodDied(mongod, signals, "mongod");
      return code;
    } catch (RestoreException e) {
      if (signals.isRequested()) {
        throw SessionSteps.interrupted(
            "the dump was interrupted (" + signals.reason().orElse("stop") + ")");
      }
      SessionSteps.failIfMongodDied(mongod, signals, "mongod");
      throw e;
    }
  }

  private int waitForStop(MongodProcess mongod, String uri, StopSignals signals) {
    signals.onStop(() -> {});
    output.result(uri);
    output.status("connect with:  mongosh \"" + uri + "\"");
    output.status("dump with:     mongodump --uri \"" + uri + "\"");
    output.status("press Ctrl-C to stop mongod and the KMIP server");
    java.util.concurrent.CompletableFuture.anyOf(signals.requested(), mongod.onExit()).join();
    if (signals.isRequested()) {
      output.status(signals.reason().orElse("stop") + " received: tearing down");
      return ExitCode.OK.value();
    }
    SessionSteps.failIfMongodDied(mongod, signals, "mongod");
    return ExitCode.OK.value();
  }
}
