package io.restore.kmip.server;

import java.time.Instant;

/**
 * Builds audit events and hands them to the configured {@link KmipAuditListener}
 * (docs/design/reliability.md #8): time, client certificate fingerprint, operation, unique
 * identifier, result, latency in microseconds. Never payloads or key bytes.
 */
final class AuditLog {
  private final KmipAuditListener listener;

  AuditLog(KmipAuditListener listener) {
    this.listener = listener;
  }

  void operation(
      Instant time,
      ClientIdentity client,
      String operation,
      String uid,
      String result,
      long micros) {
    var event =
        new KmipAuditListener.OperationEvent(
            time,
            client == null ? null : client.fingerprint(),
            operation,
            uid == null ? null : sanitize(uid),
            result,
            micros);
    try {
      listener.operation(event);
    } catch (RuntimeException e) {
      // an audit sink that fails must not change the answer a client gets
    }
  }

  /** Connection-level events (refused handshakes, broken framing); no operation ran. */
  void connection(Instant time, Object remote, String client, String event) {
    try {
      listener.connection(
          new KmipAuditListener.ConnectionEvent(time, String.valueOf(remote), client, event));
    } catch (RuntimeException e) {
      // as above: reporting must not break the connection's clean-up
    }
  }

  void internalError(String operation, RuntimeException error) {
    try {
      listener.internalError(operation, error);
    } catch (RuntimeException e) {
      // as above
    }
  }

  /** A UID comes from the client: keep log lines one line and short. */
  static String sanitize(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return t.replaceAll("[\\p{Cntrl}\\s]", "_");
  }
}
