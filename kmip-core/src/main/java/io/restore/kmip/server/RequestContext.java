package io.restore.kmip.server;

import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.ttlv.ResultReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What the handlers of one request message share: its protocol version, its time, the ID
 * Placeholder (KMIP 1.4 §3.1: a batch item without a Unique Identifier uses the one the previous
 * item produced), and arrays to zero once the response is encoded.
 */
final class RequestContext {
  private final ProtocolVersion version;
  private final Instant now;
  private final ClientIdentity client;
  private String idPlaceholder;
  private String auditUid;
  private final List<byte[]> toWipe = new ArrayList<>();

  RequestContext(ProtocolVersion version, Instant now, ClientIdentity client) {
    this.version = version;
    this.now = now;
    this.client = client;
  }

  ProtocolVersion version() {
    return version;
  }

  Instant now() {
    return now;
  }

  ClientIdentity client() {
    return client;
  }

  /** The identifier a request names, or else the ID Placeholder; Missing Data when neither. */
  String uid(Optional<String> requested) throws KmipException {
    String uid = requested.orElse(idPlaceholder);
    if (uid == null) {
      throw new KmipException(ResultReason.MISSING_DATA, "no Unique Identifier in the request");
    }
    auditUid = uid;
    return uid;
  }

  /** Sets the ID Placeholder for the following batch items. */
  void produced(String uid) {
    idPlaceholder = uid;
    auditUid = uid;
  }

  /** After a successful item: its object becomes the ID Placeholder. */
  void keepPlaceholder(String uid) {
    idPlaceholder = uid;
  }

  /** The identifier the current item worked on, for the audit line. */
  String takeAuditUid() {
    String u = auditUid;
    auditUid = null;
    return u;
  }

  /** Zeroes {@code secret} once the response has been encoded. */
  byte[] wipeLater(byte[] secret) {
    toWipe.add(secret);
    return secret;
  }

  void wipe() {
    toWipe.forEach(b -> Arrays.fill(b, (byte) 0));
    toWipe.clear();
  }
}
