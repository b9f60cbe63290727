package io.restore.kmip.object;

/**
 * A refused object operation. {@link Reason} mirrors the KMIP Result Reason that the server answers
 * with; this package stays independent of the wire codec.
 */
public final class ObjectException extends Exception {
  private static final long serialVersionUID = 1L;

  /** The KMIP 1.4 §9.1.3.2.29 Result Reasons this package can cause, with their codes. */
  public enum Reason {
    ITEM_NOT_FOUND(0x01),
    INVALID_FIELD(0x07),
    FEATURE_NOT_SUPPORTED(0x08),
    CRYPTOGRAPHIC_FAILURE(0x0A),
    ILLEGAL_OPERATION(0x0B),
    PERMISSION_DENIED(0x0C),
    INDEX_OUT_OF_BOUNDS(0x0E),
    KEY_FORMAT_TYPE_NOT_SUPPORTED(0x10),
    GENERAL_FAILURE(0x100);

    private final int code;

    Reason(int code) {
      this.code = code;
    }

    public int code() {
      return code;
    }
  }

  private final Reason reason;

  public ObjectException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  static ObjectException notFound(String uid) {
    return new ObjectException(Reason.ITEM_NOT_FOUND, "no object with unique identifier " + uid);
  }
}
