package io.restore.kmip.server;

import java.net.SocketAddress;

/**
 * The authenticated peer of a connection: its certificate's SHA-256 fingerprint (lower-case hex of
 * the DER encoding) and subject, for audit lines.
 */
public record ClientIdentity(String fingerprint, String subject, SocketAddress remote) {
  /** A short form for log lines: the first 16 hex digits of the fingerprint. */
  public String shortFingerprint() {
    return fingerprint.length() > 16 ? fingerprint.substring(0, 16) : fingerprint;
  }
}
