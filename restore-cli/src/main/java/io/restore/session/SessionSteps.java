package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeyPlan;
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
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;

/**
 * The steps of one component's session, shared by {@link RestoreSession} (one snapshot) and {@link
 * ClusterSession} (a sharded cluster's set): probe mongod, claim a dbpath, decrypt a key, start and
 * supervise one mongod, report its stop. Each flow keeps its own order of steps; this class only
 * does them.
 */
final class SessionSteps {
  private static final Duration VERSION_PROBE_TIMEOUT = Duration.ofSeconds(30);

  private final SessionContext context;
  private final Map<String, String> env;
  private final SessionOutput output;

  SessionSteps(SessionContext context, SessionOutput output) {
    this.context = context;
    this.env = context.environment();
    this.output = output;
  }

  /**
   * {@code mongod --version}, ended at once (with its whole process group) by Ctrl-C or SIGTERM;
   * then Enterprise or nothing.
   */
  MongodVersion probe(MongodBinary binary, StopSignals signals) {
    return probe(binary, signals, new java.util.concurrent.CompletableFuture<>());
  }

  /** The same, also ended by {@code abandon} (the session failed before it needed the probe). */
  MongodVersion probe(
      MongodBinary binary, StopSignals signals, java.util.concurrent.CompletableFuture<?> abandon) {
    try {
      return MongodVersion.probe(
              context.launcher(),
              env,
              binary,
              VERSION_PROBE_TIMEOUT,
              java.util.concurrent.CompletableFuture.anyOf(signals.requested(), abandon))
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

  /** Decrypts the master key with the key plan's source (after checking for a stop request). */
  MasterKey decrypt(KeyPlan keyPlan, StopSignals signals) {
    checkNotStopped(signals);
    Snapshot snapshot = keyPlan.snapshot();
    MasterKey key = context.keySources().forSettings(keyPlan.settings()).decrypt();
    output.status(
        "master key " + snapshot.keyId() + " decrypted (" + snapshot.provider() + " provider)");
    return key;
  }

  /**
   * What one mongod needs besides its dbpath's claim: the session's shared pieces.
   *
   * @param name how status lines call it ("mongod", or "mongod for shard-a")
   * @param logName its log file's name in the session folder
   */
  record Launch(
      OpenRequest.MongodPlan plan,
      MongodBinary binary,
      ShutdownPolicy shutdown,
      SessionDirectory dir,
      WrittenCerts certs,
      ServedKey kmip,
      Optional<char[]> clientKeyPassword,
      String name,
      String logName) {}

  /**
   * Launches mongod and waits until log id 23016 and a ping say it is ready. {@code launched} runs
   * as soon as the process exists (the flow arranges how a stop request reaches it); the session
   * record is written then and again once the port is known.
   */
  MongodProcess startMongod(
      Launch l, SessionClaim claim, StopSignals signals, Consumer<MongodProcess> launched)
      throws InterruptedException {
    Optional<String> password = l.clientKeyPassword().map(String::new);
    MongodCommand.Kmip endpoint =
        new MongodCommand.Kmip(
            l.kmip().endpoint().host(),
            l.kmip().endpoint().port(),
            l.certs().caFile(),
            l.certs().clientFile(),
            password,
            passwordConfig(l.dir(), l.logName().replaceAll("\\.log$", "") + ".conf", password));
    OpenRequest.MongodPlan plan = l.plan();
    MongodCommand command =
        new MongodCommand(
            l.binary().path(),
            claim.dbpath(),
            plan.port(),
            plan.bindIp(),
            endpoint,
            plan.readOnly(),
            plan.shard(),
            plan.extraArgs());
    MongodLaunch launch =
        MongodLaunch.of(command, l.dir().resolve(l.logName()))
            .withStartupTimeout(plan.startupTimeout())
            .withShutdown(l.shutdown())
            .withWatchdog(Optional.of(l.shutdown().afterSigterm()), ProcessBuilder.Redirect.INHERIT)
            .withProgress(output::status)
            .withProcesses(context.launcher(), env);
    SessionRecord[] record = new SessionRecord[1];
    try (StartupStatus startup = new StartupStatus(output, l.name())) {
      MongodProcess mongod =
          MongodProcess.start(
              launch,
              p -> {
                record[0] =
                    SessionRecord.of(
                        claim.dbpath(),
                        p.identity(),
                        OptionalInt.empty(),
                        l.kmip().endpoint().port(),
                        l.dir().path());
                claim.record(record[0]);
                p.log().addListener(startup::saw);
                signals.faster().thenRun(p::stopFaster); // Ctrl-C again: reliability.md row 20
                launched.accept(p);
              });
      int port = mongod.port().orElseThrow();
      claim.record(record[0].withMongodPort(port));
      startup.close();
      output.status(l.name() + " ready on port " + port + " (pid " + mongod.pid() + ")");
      return mongod;
    } catch (MongodStartException e) {
      if (signals.isRequested()) {
        throw interrupted("stopped while mongod was starting");
      }
      throw e;
    }
  }

  /**
   * The client key's password goes into a 0600 config file, not onto mongod's command line; one per
   * mongod ({@code mongod.conf}, or {@code mongod-N.conf} beside {@code mongod-N.log}).
   */
  private static Optional<Path> passwordConfig(
      SessionDirectory dir, String name, Optional<String> password) {
    if (password.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(MongodConfigFile.writeKmipPassword(dir.resolve(name), password.get()));
    } catch (java.io.IOException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write mongod's config file in " + dir.path() + ": " + e.getMessage(),
          "free space in that folder, or set XDG_RUNTIME_DIR / TMPDIR to another one",
          e);
    }
  }

  /**
   * The shutdown ladder's patience: {@value RestoreSession#SHUTDOWN_TIMEOUT_ENV} seconds for mongod
   * to exit after the shutdown command and again after SIGTERM (also the watchdog's grace), else
   * the defaults of two minutes each. Large snapshots may need more to checkpoint; tests need less.
   */
  ShutdownPolicy shutdownPolicy() {
    ShutdownPolicy defaults = ShutdownPolicy.defaults();
    String value = env.get(RestoreSession.SHUTDOWN_TIMEOUT_ENV);
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
          RestoreSession.SHUTDOWN_TIMEOUT_ENV
              + "="
              + value
              + " is not a whole number of seconds (1 or more)",
          "set it to e.g. 600 for a snapshot that checkpoints slowly, or unset it for 120");
    }
    Duration d = Duration.ofSeconds(seconds);
    return new ShutdownPolicy(
        defaults.commandTimeout(), d, d, defaults.afterSigkill(), defaults.allowSigkill());
  }

  /** mongod ended on its own (not asked to, no stop request): exit 6 with its last log lines. */
  static void failIfMongodDied(MongodProcess mongod, StopSignals signals, String name) {
    Optional<MongodExit> exit = Optional.ofNullable(mongod.onExit().getNow(null));
    if (exit.isEmpty() || exit.get().requested() || signals.isRequested()) {
      return;
    }
    MongodExit e = exit.get();
    throw new RestoreException(
        ExitCode.MONGOD_FAILED,
        name
            + " exited with code "
            + e.code()
            + " during the session: "
            + e.explanation().meaning()
            + "\n"
            + io.restore.mongod.MongodLog.format(mongod.log().last(20)),
        e.explanation().nextStep());
  }

  void report(StopReport stop, String name) {
    if (stop.clean()) {
      output.status(name + " stopped: " + stop.describe());
    } else {
      // killed or still running: --quiet must not hide it, even when the job itself succeeded
      output.alarm((name.equals("mongod") ? "" : name + ": ") + stop.describe());
    }
  }

  static void checkNotStopped(StopSignals signals) {
    if (signals.isRequested()) {
      throw interrupted(signals.reason().orElse("stop") + " received");
    }
  }

  static RestoreException interrupted(String what) {
    return new RestoreException(
        ExitCode.INTERRUPTED,
        what + "; everything started so far was stopped",
        "run the command again when you are ready");
  }
}
