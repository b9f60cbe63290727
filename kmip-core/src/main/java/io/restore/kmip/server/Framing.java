package io.restore.kmip.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one TTLV message off a stream: the 8-byte header (tag, type, length) is checked and the
 * length capped BEFORE the body is allocated (reliability.md #1).
 */
final class Framing {
  /** Request Message tag 0x420078 + type Structure 0x01 (KMIP 1.4 §9.1.1, §9.1.3.1). */
  static final int REQUEST_PREFIX = 0x42007801;

  /** Response Message tag 0x42007B + type Structure. */
  static final int RESPONSE_PREFIX = 0x42007B01;

  static final int HEADER_BYTES = 8;

  private Framing() {}

  /** A stream that cannot be read as TTLV messages any more: the connection is closed. */
  static final class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    FramingException(String message) {
      super(message);
    }
  }

  /**
   * Checks an 8-byte header and returns the body length.
   *
   * @throws FramingException for a wrong tag or type, a length that is not a multiple of 8, or one
   *     above {@code maxBody}
   */
  static int bodyLength(byte[] header, int expectedPrefix, int maxBody) throws FramingException {
    int prefix = readInt(header, 0);
    if (prefix != expectedPrefix) {
      throw new FramingException(String.format("header %08X is not %08X", prefix, expectedPrefix));
    }
    long length = readInt(header, 4) & 0xFFFFFFFFL;
    if (length > maxBody) {
      throw new FramingException(
          "message of " + length + " bytes exceeds the " + maxBody + "-byte limit");
    }
    if (length % 8 != 0) {
      // Every TTLV item is padded to 8 bytes, so a structure's length is too (KMIP 1.4 §9.1.1.3).
      throw new FramingException("message length " + length + " is not a multiple of 8");
    }
    return (int) length;
  }

  /**
   * Reads the rest of a message whose first byte was already read, returning header + body.
   *
   * @throws EOFException when the stream ends inside the message
   */
  static byte[] readMessage(InputStream in, int firstByte, int expectedPrefix, int maxBody)
      throws IOException {
    byte[] header = new byte[HEADER_BYTES];
    header[0] = (byte) firstByte;
    readFully(in, header, 1, HEADER_BYTES - 1);
    int length = bodyLength(header, expectedPrefix, maxBody);
    byte[] message = new byte[HEADER_BYTES + length];
    System.arraycopy(header, 0, message, 0, HEADER_BYTES);
    readFully(in, message, HEADER_BYTES, length);
    return message;
  }

  static void readFully(InputStream in, byte[] b, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int r = in.read(b, off + n, len - n);
      if (r < 0) {
        throw new EOFException("stream ended after " + (off + n) + " bytes of a message");
      }
      n += r;
    }
  }

  static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }
}
