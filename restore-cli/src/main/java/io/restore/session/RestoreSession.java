package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeyPlan;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.mongod.MongodBinary;
import io.restore.mongod.MongodCommand;
import io.restore.mongod.MongodConfigFile;
import io.restore.mongod.MongodExit;
import io.restore.mongod.MongodLaunch;
import io.restore.mongod.MongodProcess;
import io.restore.mongod.MongodStartException;
import io.restore.mongod.MongodVersion;
import io.restore.mongod.ShutdownPolicy;
import io.restore.mongod.StopReport;
import io.restore.mongod.session.SessionClaim;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import io.restore.snapshot.Snapshot;
import io.restore.snapshot.UntrustedFile;
import io.restore.tls.SessionPki;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@code restore open}: the whole flow of docs/design/architecture.md, top to bottom. Each resource
 * of the try-with-resources is one step; closing them in reverse order is the teardown: mongod's
 * shutdown ladder, then the KMIP server, the certificate files, the session folder, the key
 * (zeroed), and last the claim on the dbpath.
 */
public final class RestoreSession {
  private static final Duration VERSION_PROBE_TIMEOUT = Duration.ofSeconds(30);

  /** Seconds mongod may take to exit per shutdown rung (see {@link #shutdownPolicy()}). */
  public static final String SHUTDOWN_TIMEOUT_ENV = "RESTORE_SHUTDOWN_TIMEOUT";

  private final SessionContext context;
  private final SessionRegistry registry;
  private final Map<String, String> env;
  private final SessionOutput output;

  public RestoreSession(SessionContext context, SessionOutput output) {
    this.context = context;
    this.registry = context.registry();
    this.env = context.environment();
    this.output = output;
  }

  /** Runs the session and returns restore's exit code. */
  public int open(OpenRequest r, Job job) {
    try (StopSignals signals = context.signals().get()) {
      return open(r, job, signals);
    }
  }

  int open(OpenRequest r, Job job, StopSignals signals) {
    // 1. The snapshot: key id, provider, metadata (fails before anything starts).
    KeyPlan keyPlan = KeySources.plan(r.dbpath(), r.keys());
    Snapshot snapshot = keyPlan.snapshot();
    output.facts().snapshot(snapshot.keyId(), snapshot.provider().id(), snapshot.dbpath());
    keyPlan.warnings().forEach(w -> output.status("warning: " + w));
    output.timing("snapshot read");
    if (job instanceof Job.Dump dump) {
      dump.dump().preflight(); // an unusable output must not cost a KMS call and a mongod start
    }
    // 2. A usable mongod (Enterprise), found and probed before any KMS call.
    MongodBinary binary = MongodBinary.find(r.mongod().binaryFlag(), env);
    MongodVersion version = probe(binary, signals);
    output.facts().mongodVersion(version.version());
    output.status("mongod " + version.version() + " (Enterprise) at " + binary.path());
    version.tooOldWarning().ifPresent(w -> output.status("warning: " + w));
    ShutdownPolicy shutdown = shutdownPolicy();
    try (SessionClaim claim = claim(registry, snapshot.dbpath());
        MasterKey key = decrypt(keyPlan, signals);
        SessionPki pki = SessionPki.create(r.pki());
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
      checkNotStopped(signals);
      MongodProcess mongod = startMongod(r, binary, shutdown, claim, dir, certs, kmip, signals);
      try {
        return runJob(job, mongod, snapshot, kmip, signals);
      } finally {
        // 7. Teardown starts with mongod's shutdown ladder on every path, and says how it went.
        report(mongod.stop());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw interrupted("the session was interrupted");
    }
  }

  /**
   * {@code mongod --version}, ended at once (with its whole process group) by Ctrl-C or SIGTERM;
   * then Enterprise or nothing.
   */
  private MongodVersion probe(MongodBinary binary, StopSignals signals) {
    try {
      return MongodVersion.probe(
              context.launcher(), env, binary, VERSION_PROBE_TIMEOUT, signals.requested())
          .requireEnterprise(binary);
    } catch (RestoreException e) {
      checkNotStopped(signals);
      throw e;
    }
  }

  /**
   * Claims the dbpath in the session registry (one session per dbpath). An unusable state folder is
   * the user's to fix, not a bug: say which folder and how to choose another.
   */
  static SessionClaim claim(SessionRegistry registry, Path dbpath) {
    try {
      return registry.claim(dbpath);
    } catch (UncheckedIOException e) {
      Throwable cause = e.getCause() == null ? e : e.getCause();
      throw new RestoreException(
          ExitCode.FAILURE,
          e.getMessage()
              + " ("
              + (cause instanceof IOException io ? UntrustedFile.reason(io) : cause.getMessage())
              + ")",
          "check that "
              + registry.dir()
              + " is a folder you can write to, or point $"
              + SessionRegistry.ENV
              + " at one",
          e);
    }
  }

  private MasterKey decrypt(KeyPlan keyPlan, StopSignals signals) {
    checkNotStopped(signals);
    Snapshot snapshot = keyPlan.snapshot();
    MasterKey key = context.keySources().forSettings(keyPlan.settings()).decrypt();
    output.status(
        "master key " + snapshot.keyId() + " decrypted (" + snapshot.provider() + " provider)");
    return key;
  }

  /** Step 5: launch mongod and wait until log id 23016 and a ping say it is ready. */
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
    Optional<String> password = r.clientKeyPassword().map(String::new);
    MongodCommand.Kmip endpoint =
        new MongodCommand.Kmip(
            kmip.endpoint().host(),
            kmip.endpoint().port(),
            certs.caFile(),
            certs.clientFile(),
            password,
            passwordConfig(dir, password));
    OpenRequest.MongodPlan plan = r.mongod();
    MongodCommand command =
        new MongodCommand(
            binary.path(),
            claim.dbpath(),
            plan.port(),
            plan.bindIp(),
            endpoint,
            plan.readOnly(),
            plan.shard(),
            plan.extraArgs());
    MongodLaunch launch =
        MongodLaunch.of(command, dir.resolve("mongod.log"))
            .withStartupTimeout(plan.startupTimeout())
            .withShutdown(shutdown)
            .withWatchdog(Optional.of(shutdown.afterSigterm()), ProcessBuilder.Redirect.INHERIT)
            .withProgress(output::status)
            .withProcesses(context.launcher(), env);
    SessionRecord[] record = new SessionRecord[1];
    try (StartupStatus startup = new StartupStatus(output)) {
      MongodProcess mongod =
          MongodProcess.start(
              launch,
              p -> {
                record[0] =
                    SessionRecord.of(
                        claim.dbpath(),
                        p.identity(),
                        OptionalInt.empty(),
                        kmip.endpoint().port(),
                        dir.path());
                claim.record(record[0]);
                p.log().addListener(startup::saw);
                // Ctrl-C while mongod starts: stop it now; the wait then fails and we tear down.
                signals.onStop(p::close);
              });
      int port = mongod.port().orElseThrow();
      claim.record(record[0].withMongodPort(port));
      startup.close();
      output.facts().mongod(mongod.uri(), port, mongod.pid());
      output.status("mongod ready on port " + port + " (pid " + mongod.pid() + ")");
      return mongod;
    } catch (MongodStartException e) {
      if (signals.isRequested()) {
        throw interrupted("stopped while mongod was starting");
      }
      throw e;
    }
  }

  /** The client key's password goes into a 0600 config file, not onto mongod's command line. */
  private static Optional<Path> passwordConfig(SessionDirectory dir, Optional<String> password) {
    if (password.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          MongodConfigFile.writeKmipPassword(dir.resolve("mongod.conf"), password.get()));
    } catch (java.io.IOException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write mongod's config file in " + dir.path() + ": " + e.getMessage(),
          "free space in that folder, or set XDG_RUNTIME_DIR / TMPDIR to another one",
          e);
    }
  }

  /**
   * The shutdown ladder's patience: {@value #SHUTDOWN_TIMEOUT_ENV} seconds for mongod to exit after
   * the shutdown command and again after SIGTERM (also the watchdog's grace), else the defaults of
   * two minutes each. Large snapshots may need more to checkpoint; tests need less.
   */
  private ShutdownPolicy shutdownPolicy() {
    ShutdownPolicy defaults = ShutdownPolicy.defaults();
    String value = env.get(SHUTDOWN_TIMEOUT_ENV);
    if (value == null || value.isBlank()) {
      return defaults;
    }
    long seconds;
    try {
      seconds = Long.parseLong(value.strip());
    } catch (NumberFormatException e) {
      seconds = 0;
    }
    if (seconds < 1) {
      throw new RestoreException(
          ExitCode.USAGE,
          SHUTDOWN_TIMEOUT_ENV + "=" + value + " is not a whole number of seconds (1 or more)",
          "set it to e.g. 600 for a snapshot that checkpoints slowly, or unset it for 120");
    }
    Duration d = Duration.ofSeconds(seconds);
    return new ShutdownPolicy(
        defaults.commandTimeout(), d, d, defaults.afterSigkill(), defaults.allowSigkill());
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
      failIfMongodDied(mongod, signals);
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
      failIfMongodDied(mongod, signals);
      return code;
    } catch (RestoreException e) {
      if (signals.isRequested()) {
        throw interrupted("the dump was interrupted (" + signals.reason().orElse("stop") + ")");
      }
      failIfMongodDied(mongod, signals);
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
    failIfMongodDied(mongod, signals);
    return ExitCode.OK.value();
  }

  private void failIfMongodDied(MongodProcess mongod, StopSignals signals) {
    Optional<MongodExit> exit = Optional.ofNullable(mongod.onExit().getNow(null));
    if (exit.isEmpty() || exit.get().requested() || signals.isRequested()) {
      return;
    }
    MongodExit e = exit.get();
    throw new RestoreException(
        ExitCode.MONGOD_FAILED,
        "mongod exited with code "
            + e.code()
            + " during the session: "
            + e.explanation().meaning()
            + "\n"
            + io.restore.mongod.MongodLog.format(mongod.log().last(20)),
        e.explanation().nextStep());
  }

  private void report(StopReport stop) {
    if (stop.clean()) {
      output.status("mongod stopped: " + stop.describe());
    } else {
      output.warning(stop.describe());
    }
  }

  private static void checkNotStopped(StopSignals signals) {
    if (signals.isRequested()) {
      throw interrupted(signals.reason().orElse("stop") + " received");
    }
  }

  private static RestoreException interrupted(String what) {
    return new RestoreException(
        ExitCode.INTERRUPTED,
        what + "; everything started so far was stopped",
        "run the command again when you are ready");
  }
}
