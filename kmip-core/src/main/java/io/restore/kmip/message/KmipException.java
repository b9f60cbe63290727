package io.restore.kmip.message;

import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.TtlvException;

/**
 * A request the server cannot honour, with the KMIP result reason to answer it with. The message is
 * sent to the client as the Result Message, so it must never hold key material.
 */
public class KmipException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ResultReason reason;

  public KmipException(ResultReason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public KmipException(ResultReason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  /** Result reason Invalid Message, formatted with {@link String#format}. */
  public static KmipException invalidMessage(String format, Object... args) {
    return new KmipException(ResultReason.INVALID_MESSAGE, String.format(format, args));
  }

  /** Bytes that did not decode: Invalid Message, quoting the decoder. */
  public static KmipException invalidMessage(TtlvException cause) {
    return new KmipException(ResultReason.INVALID_MESSAGE, cause.getMessage(), cause);
  }

  public ResultReason reason() {
    return reason;
  }
}
