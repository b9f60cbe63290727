package io.restore.kmip.server;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per KMIP operation (reliability.md #8): time, client certificate fingerprint, operation,
 * unique identifier, result, latency in microseconds. Never payloads or key bytes.
 */
final class AuditLog {
  private static final Logger LOG = LoggerFactory.getLogger("io.restore.kmip.audit");

  private AuditLog() {}

  static void operation(
      Instant time,
      ClientIdentity client,
      String operation,
      String uid,
      String result,
      long micros) {
    if (LOG.isInfoEnabled()) {
      LOG.info(
          "time={} client=sha256:{} op={} uid={} result={} us={}",
          time,
          client == null ? "-" : client.fingerprint(),
          operation,
          uid == null ? "-" : sanitize(uid),
          result,
          micros);
    }
  }

  /** Connection-level events (refused handshakes, broken framing); no operation ran. */
  static void connection(Instant time, Object remote, String client, String event) {
    if (LOG.isInfoEnabled()) {
      LOG.info("time={} client={} remote={} event={}", time, client, remote, event);
    }
  }

  /** A UID comes from the client: keep log lines one line and short. */
  static String sanitize(String s) {
    String t = s.length() > 80 ? s.substring(0, 80) + "…" : s;
    return t.replaceAll("[\\p{Cntrl}\\s]", "_");
  }
}
