package io.restore.kmip.server;

import java.lang.System.Logger.Level;
import java.time.Instant;

/**
 * Where a {@link KmipServer} reports what it did (docs/design/reliability.md #8). kmip-core depends
 * on the JDK only, so the server does not log: the application decides where these lines go
 * (restore-cli writes them to its audit logger). Called on connection threads, so implementations
 * must be thread-safe and quick; an exception thrown here is ignored and never reaches a client.
 *
 * <p>Events carry no payloads and no key bytes: only identifiers a client sent (sanitized to one
 * short line), the client certificate's SHA-256 fingerprint and outcomes.
 */
public interface KmipAuditListener {

  /** One KMIP operation answered. */
  void operation(OperationEvent event);

  /** A connection-level event (refused handshake, broken framing, idle close): no operation ran. */
  void connection(ConnectionEvent event);

  /**
   * A handler failed with an unexpected exception (a bug); the client was answered General Failure.
   * The default writes it to the JDK's {@link System.Logger}.
   */
  default void internalError(String operation, RuntimeException error) {
    System.getLogger(KmipServer.class.getName())
        .log(Level.ERROR, "bug while handling " + operation, error);
  }

  /** Drops operation and connection events (internal errors still reach the JDK logger). */
  static KmipAuditListener none() {
    return NoAudit.INSTANCE;
  }

  /**
   * One operation: when it arrived, who sent it, what it was, which object it touched, how it ended
   * and how long it took.
   *
   * @param clientFingerprint SHA-256 of the client certificate (hex), or null before one is known
   * @param operation the KMIP operation's name ("Get"), or "-" when the message did not decode
   * @param uid the Unique Identifier worked on, or null
   * @param result "Success" or "OperationFailed/" + the Result Reason's name
   */
  record OperationEvent(
      Instant time,
      String clientFingerprint,
      String operation,
      String uid,
      String result,
      long micros) {

    /** The audit line: {@code time=… client=sha256:… op=… uid=… result=… us=…}. */
    public String line() {
      return "time="
          + time
          + " client=sha256:"
          + (clientFingerprint == null ? "-" : clientFingerprint)
          + " op="
          + operation
          + " uid="
          + (uid == null ? "-" : uid)
          + " result="
          + result
          + " us="
          + micros;
    }
  }

  /**
   * A connection-level event.
   *
   * @param remote the peer's address as text
   * @param client "sha256:" + fingerprint once the certificate is known, else "-"
   * @param event what happened ("handshake refused: …", "closed: idle")
   */
  record ConnectionEvent(Instant time, String remote, String client, String event) {

    /** The audit line: {@code time=… client=… remote=… event=…}. */
    public String line() {
      return "time=" + time + " client=" + client + " remote=" + remote + " event=" + event;
    }
  }
}

/** The listener of {@link KmipAuditListener#none()}. */
enum NoAudit implements KmipAuditListener {
  INSTANCE;

  @Override
  public void operation(OperationEvent event) {}

  @Override
  public void connection(ConnectionEvent event) {}
}
