package io.restore.kmip.server;

import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvException;
import io.restore.kmip.ttlv.TtlvLimits;
import io.restore.kmip.ttlv.TtlvReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads one TTLV request off a stream: the 8-byte header is checked by {@link
 * TtlvReader#messageLength} (the one header check shared with the decoder and the client) and the
 * length capped BEFORE the body is allocated (docs/design/reliability.md #1). Nothing is kept
 * between messages: an idle connection holds no buffer of ours.
 */
final class Framing {
  static final int HEADER_BYTES = 8;

  private final TtlvReader headers;

  /**
   * @param maxBody the largest body (bytes after the header) accepted
   */
  Framing(int maxBody) {
    // Depth is not looked at by the header check.
    this.headers =
        new TtlvReader(new TtlvLimits((int) Math.min(Integer.MAX_VALUE, maxBody + 8L), 1));
  }

  /** A stream that cannot be read as TTLV messages any more: the connection is closed. */
  static final class FramingException extends IOException {
    private static final long serialVersionUID = 1L;

    FramingException(String message) {
      super(message);
    }
  }

  /**
   * Checks an 8-byte request header and returns the body length.
   *
   * @throws FramingException for a wrong tag or type, a length that is not a multiple of 8, or one
   *     above the cap
   */
  int bodyLength(byte[] header) throws FramingException {
    try {
      return headers.messageLength(header, Tag.REQUEST_MESSAGE);
    } catch (TtlvException e) {
      throw new FramingException(e.getMessage());
    }
  }

  /**
   * Reads the rest of a request whose first byte was already read, returning header + body.
   *
   * @throws EOFException when the stream ends inside the message
   */
  byte[] readMessage(InputStream in, int firstByte) throws IOException {
    byte[] header = new byte[HEADER_BYTES];
    header[0] = (byte) firstByte;
    readFully(in, header, 1, HEADER_BYTES - 1);
    int length = bodyLength(header);
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
}
