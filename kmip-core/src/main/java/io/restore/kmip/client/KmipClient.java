package io.restore.kmip.client;

import io.restore.kmip.message.GetRequest;
import io.restore.kmip.message.GetResponse;
import io.restore.kmip.message.KmipException;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.message.RequestBatchItem;
import io.restore.kmip.message.RequestMessage;
import io.restore.kmip.message.RequestPayload;
import io.restore.kmip.message.ResponseBatchItem;
import io.restore.kmip.message.ResponseMessage;
import io.restore.kmip.message.ResponsePayload;
import io.restore.kmip.ttlv.Operation;
import io.restore.kmip.ttlv.ResultReason;
import io.restore.kmip.ttlv.ResultStatus;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvException;
import io.restore.kmip.ttlv.TtlvLimits;
import io.restore.kmip.ttlv.TtlvReader;
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
  private static final TtlvReader READER = TtlvReader.withDefaults();

  /** Frames responses of up to 16 MiB, so {@link #exchange} can hand back more than we decode. */
  private static final TtlvReader FRAMING = new TtlvReader(new TtlvLimits(16 << 20, 1));

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

  /** Sends a request message and decodes the response (any result status). */
  public ResponseMessage send(RequestMessage request) throws IOException, KmipException {
    return ResponseMessage.decode(exchange(request.encode()), READER);
  }

  /**
   * Runs one operation in a one-item batch of {@code version} and returns its payload.
   *
   * @throws KmipException carrying the server's Result Reason and Message when it failed
   */
  public ResponsePayload call(ProtocolVersion version, Operation operation, RequestPayload payload)
      throws IOException, KmipException {
    ResponseMessage reply =
        send(RequestMessage.of(version, RequestBatchItem.of(operation, payload)));
    if (reply.batchItems().size() != 1) {
      throw new KmipException(
          ResultReason.INVALID_MESSAGE, reply.batchItems().size() + " batch items in the reply");
    }
    ResponseBatchItem item = reply.batchItems().get(0);
    if (item.resultStatus() != ResultStatus.SUCCESS) {
      throw new KmipException(
          item.resultReason().orElse(ResultReason.GENERAL_FAILURE),
          item.resultMessage().orElse("no Result Message"));
    }
    return item.payload()
        .orElseThrow(() -> new KmipException(ResultReason.INVALID_MESSAGE, "no Response Payload"));
  }

  /** Get (KMIP 1.2, as mongod sends it): the key material of a Raw or Opaque object. */
  public byte[] get(String uid) throws IOException, KmipException {
    GetResponse reply = (GetResponse) call(ProtocolVersion.V1_2, Operation.GET, GetRequest.of(uid));
    return reply
        .object()
        .keyMaterial()
        .orElseThrow(
            () -> new KmipException(ResultReason.INVALID_MESSAGE, "no plain Key Material"));
  }

  private byte[] readResponse() throws IOException {
    byte[] header = new byte[8];
    readFully(header, 0, 8);
    int length;
    try {
      length = FRAMING.messageLength(header, Tag.RESPONSE_MESSAGE);
    } catch (TtlvException e) {
      throw new IOException("not a KMIP response: " + e.getMessage(), e);
    }
    byte[] message = new byte[8 + length];
    System.arraycopy(header, 0, message, 0, 8);
    readFully(message, 8, length);
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

  /** The TLS protocol negotiated (TLSv1.3 or TLSv1.2). */
  public String protocol() {
    return socket.getSession().getProtocol();
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
