package io.restore.kmip.object;

import io.restore.kmip.ttlv.ResultReason;
import java.util.Objects;

/** A refused object operation, with the KMIP Result Reason the server answers with. */
public final class ObjectException extends Exception {
  private static final long serialVersionUID = 1L;

  private final ResultReason reason;

  public ObjectException(ResultReason reason, String message) {
    super(message);
    this.reason = Objects.requireNonNull(reason, "reason");
  }

  public ResultReason reason() {
    return reason;
  }

  static ObjectException notFound(String uid) {
    return new ObjectException(
        ResultReason.ITEM_NOT_FOUND, "no object with unique identifier " + uid);
  }
}
