package io.restore.kmip.client;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A small blocking KMIP client over one TLS connection, for our tools, tests and benchmarks. Not
 * thread-safe: one request at a time. Verifies the server's certificate chain through the given
 * context and its host name (HTTPS rules), as mongod does.
 */
public final class KmipClient implements AutoCloseable {
  private static final int RESPONSE_PREFIX = 0x42007B01;
  private static final int MAX_RESPONSE = 16 << 20;

  private final SSLSocket socket;
  private final InputStream in;
  private final OutputStream out;

  private KmipClient(SSLSocket socket) throws IOException {
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
  }

  /**
   * Connects and completes the TLS handshake.
   *
   * @param timeout connect timeout and read timeout for each response
   */
  public static KmipClient connect(SSLContext context, String host, int port, Duration timeout)
      throws IOException {
    SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
    try {
      var params = socket.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      socket.setSSLParameters(params);
      socket.setTcpNoDelay(true);
      socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      socket.startHandshake();
      return new KmipClient(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /**
   * Sends one encoded RequestMessage and returns the encoded ResponseMessage (header included).
   *
   * @throws EOFException when the server closed the connection instead of answering
   */
  public byte[] exchange(byte[] request) throws IOException {
    out.write(request);
    out.flush();
    return readResponse();
  }

  private byte[] readResponse() throws IOException {
    byte[] header = new byte[8];
    readFully(header, 0, 8);
    int prefix = readInt(header, 0);
    if (prefix != RESPONSE_PREFIX) {
      throw new IOException(
          String.format("response header %08X is not %08X", prefix, RESPONSE_PREFIX));
    }
    long length = readInt(header, 4) & 0xFFFFFFFFL;
    if (length > MAX_RESPONSE) {
      throw new IOException("response of " + length + " bytes is too large");
    }
    byte[] message = new byte[8 + (int) length];
    System.arraycopy(header, 0, message, 0, 8);
    readFully(message, 8, (int) length);
    return message;
  }

  private void readFully(byte[] b, int off, int len) throws IOException {
    int n = 0;
    while (n < len) {
      int r = in.read(b, off + n, len - n);
      if (r < 0) {
        throw new EOFException("the server closed the connection after " + (off + n) + " bytes");
      }
      n += r;
    }
  }

  private static int readInt(byte[] b, int at) {
    return (b[at] & 0xFF) << 24
        | (b[at + 1] & 0xFF) << 16
        | (b[at + 2] & 0xFF) << 8
        | (b[at + 3] & 0xFF);
  }

  /** The TLS protocol negotiated (TLSv1.3 or TLSv1.2). */
  public String protocol() {
    return socket.getSession().getProtocol();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
