package io.restore.kmip.ttlv;

/**
 * Bytes that are not valid TTLV. Carries the offset (from the start of the decoded buffer) of the
 * item at fault; a KMIP server answers it with result reason Invalid Message.
 */
public final class TtlvException extends Exception {
  private static final long serialVersionUID = 1L;
  private final int offset;

  public TtlvException(int offset, String message) {
    super(message + " (at offset " + offset + ")");
    this.offset = offset;
  }

  /** Formats the message with {@link String#format}. */
  public static TtlvException at(int offset, String format, Object... args) {
    return new TtlvException(offset, String.format(format, args));
  }

  /** Byte offset of the item at fault, from the start of the buffer. */
  public int offset() {
    return offset;
  }
}
