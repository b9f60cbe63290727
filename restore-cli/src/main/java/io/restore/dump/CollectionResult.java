package io.restore.dump;

import java.time.Duration;

/**
 * How one collection's dump went.
 *
 * @param serverCount the server's count after the dump, -1 when not counted (views, failures)
 * @param error why the collection failed or did not verify; null when it is fine
 */
public record CollectionResult(
    Namespace ns,
    CollectionType type,
    long documents,
    long bytes,
    long serverCount,
    Duration duration,
    Status status,
    String error) {

  /** Outcome of one collection. */
  public enum Status {
    /** Dumped and its count matched the server's. */
    VERIFIED,
    /** A view: metadata only, nothing to count. */
    METADATA_ONLY,
    /** Reading, writing or verification failed: see {@code error}. */
    FAILED,
    /** Stopped because another collection failed. */
    CANCELLED
  }

  public boolean ok() {
    return status == Status.VERIFIED || status == Status.METADATA_ONLY;
  }

  CollectionResult withVerification(long count, Status s, String why) {
    return new CollectionResult(ns, type, documents, bytes, count, duration, s, why);
  }
}
