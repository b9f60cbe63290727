package io.restore.session;

import io.restore.kms.KeyPlan;
import io.restore.kms.KeySources;
import io.restore.kms.MasterKey;
import io.restore.mongod.MongodCommand;
import io.restore.mongod.session.SessionClaim;
import io.restore.mongod.session.SessionRecord;
import io.restore.mongod.session.SessionRegistry;
import io.restore.snapshot.Snapshot;
import io.restore.tls.SessionPki;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code restore proxy}: steps 1–4 of the flow (architecture.md) and a wait — a drop-in for Atlas's
 * kmipProxyStandalone. Everything it made is undone in reverse order when it stops.
 */
public final class ProxySession {
  /** The line scripts wait for; the port follows the colon. */
  public static final String READY_PREFIX = "KMIP server listening on ";

  private final SessionContext context;
  private final SessionRegistry registry;
  private final PrintWriter out;
  private final PrintWriter err;

  public ProxySession(SessionContext context, PrintWriter out, PrintWriter err) {
    this.context = context;
    this.registry = context.registry();
    this.out = out;
    this.err = err;
  }

  /** Serves until SIGINT, SIGTERM or SIGHUP; returns the exit code. */
  public int run(ProxyRequest r) {
    try (StopSignals signals = context.signals().get()) {
      KeyPlan keyPlan = KeySources.plan(r.dbpath(), r.keys());
      Snapshot snapshot = keyPlan.snapshot();
      keyPlan.warnings().forEach(w -> status("warning: " + w));
      Path certDir = r.certDir().orElse(snapshot.dbpath());
      try (SessionClaim claim = RestoreSession.claim(registry, snapshot.dbpath());
          MasterKey key = context.keySources().forSettings(keyPlan.settings()).decrypt();
          SessionPki pki = SessionPki.create(r.pki());
          WrittenCerts certs =
              WrittenCerts.write(pki, certDir, r.clientKeyPassword(), r.keepCerts());
          ServedKey kmip =
              ServedKey.start(
                  snapshot.keyId(),
                  key,
                  pki.serverContext(),
                  r.bind(),
                  r.kmipPort(),
                  "--kmip-port")) {
        // A proxy is a session: 'restore ps' lists it and 'restore stop' ends it (SIGTERM).
        claim.record(SessionRecord.proxy(claim.dbpath(), kmip.endpoint().port(), certDir));
        status("master key " + snapshot.keyId() + " decrypted (" + snapshot.provider() + ")");
        out.println(READY_PREFIX + kmip.endpoint().host() + ":" + kmip.endpoint().port());
        out.println("Start mongod (MongoDB Enterprise) on this snapshot with:");
        out.println("  " + mongodCommandLine(snapshot, r, kmip, certs));
        out.println("Press Ctrl-C to stop the KMIP server.");
        out.flush();
        String why = signals.requested().join();
        status(why + " received: stopping the KMIP server");
      }
      status(
          r.keepCerts()
              ? "stopped; certificates kept in " + certDir + " (--keep-certs)"
              : "stopped; certificate files removed");
      return 0;
    }
  }

  private static String mongodCommandLine(
      Snapshot snapshot, ProxyRequest r, ServedKey kmip, WrittenCerts certs) {
    MongodCommand.Kmip endpoint =
        new MongodCommand.Kmip(
            kmip.endpoint().host(),
            kmip.endpoint().port(),
            certs.caFile(),
            certs.clientFile(),
            r.clientKeyPassword().map(p -> "<your --client-key-password>"));
    return new MongodCommand(
            Path.of("mongod"),
            snapshot.dbpath(),
            r.mongodPort(),
            "127.0.0.1",
            endpoint,
            false,
            false,
            List.of())
        .display();
  }

  private void status(String line) {
    err.println("restore: " + line);
    err.flush();
  }
}
