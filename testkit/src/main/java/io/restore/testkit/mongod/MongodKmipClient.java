package io.restore.testkit.mongod;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/**
 * Fetches the master key the way mongod does when it opens existing data: ONE mutual-TLS connection
 * (chain checked against the CA file, host name against the certificate's SAN), Get, then
 * GetAttributes(State) unless activation checks are off (docs/design/mongod-kmip.md).
 */
final class MongodKmipClient {
  /** mongod reads 8 bytes, then the length they announce; its replies are small. */
  private static final int MAX_REPLY = 1 << 20;

  private static final int READ_TIMEOUT_MS = 30_000;

  record Settings(
      List<String> serverNames,
      int port,
      Path caFile,
      Path clientCertificateFile,
      char[] clientCertificatePassword,
      boolean activateKeys,
      boolean legacyProtocol,
      int connectTimeoutMs) {}

  /** A failure to reach one server (mongod tries the next one). */
  static final class ConnectFailure extends Exception {
    private static final long serialVersionUID = 1L;
    final String server;

    ConnectFailure(String server, String message, Throwable cause) {
      super(message, cause);
      this.server = server;
    }
  }

  interface ConnectListener {
    void failed(ConnectFailure failure);
  }

  private final Settings settings;

  MongodKmipClient(Settings settings) {
    this.settings = settings;
  }

  /**
   * The 32-byte master key; every server failing to connect, or any protocol problem, throws.
   *
   * @param onConnectFailure told about each server that could not be reached
   */
  byte[] fetchKey(String uid, ConnectListener onConnectFailure)
      throws KmipReplyException, IOException, GeneralSecurityException, ConnectFailure {
    SSLContext tls = context();
    ConnectFailure last = null;
    for (String host : settings.serverNames()) {
      SSLSocket socket;
      try {
        socket = connect(tls, host.trim());
      } catch (IOException e) {
        last =
            new ConnectFailure(
                host.trim() + ":" + settings.port(), String.valueOf(e.getMessage()), e);
        onConnectFailure.failed(last);
        continue;
      }
      try (socket) {
        byte[] key =
            MongodKmipMessages.readGetReply(
                exchange(socket, MongodKmipMessages.get(uid, settings.legacyProtocol())), uid);
        if (settings.activateKeys()) {
          int state =
              MongodKmipMessages.readStateReply(
                  exchange(
                      socket, MongodKmipMessages.getStateAttribute(uid, settings.legacyProtocol())),
                  uid);
          if (state != MongodKmipMessages.STATE_ACTIVE) {
            java.util.Arrays.fill(key, (byte) 0);
            throw new KmipReplyException(
                "KMIP key " + uid + " is in state " + state + ", not Active (2)");
          }
        }
        return key;
      }
    }
    throw last != null ? last : new ConnectFailure("", "no --kmipServerName given", null);
  }

  private SSLContext context() throws IOException, GeneralSecurityException {
    KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keys.init(
        PemClientIdentity.keyStore(
            settings.clientCertificateFile(), settings.clientCertificatePassword()),
        new char[0]);
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(PemClientIdentity.trustStore(settings.caFile()));
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
    return tls;
  }

  private SSLSocket connect(SSLContext tls, String host) throws IOException {
    Socket plain = new Socket();
    try {
      plain.connect(new InetSocketAddress(host, settings.port()), settings.connectTimeoutMs());
      plain.setSoTimeout(READ_TIMEOUT_MS);
      SSLSocket socket =
          (SSLSocket) tls.getSocketFactory().createSocket(plain, host, settings.port(), true);
      SSLParameters params = socket.getSSLParameters();
      // mongod checks the host name against the SAN and cannot be told not to
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      socket.setSSLParameters(params);
      socket.startHandshake();
      return socket;
    } catch (IOException | RuntimeException e) {
      plain.close();
      throw e;
    }
  }

  private static byte[] exchange(SSLSocket socket, byte[] request)
      throws IOException, KmipReplyException {
    OutputStream out = socket.getOutputStream();
    out.write(request);
    out.flush();
    DataInputStream in = new DataInputStream(socket.getInputStream());
    byte[] message = new byte[8];
    in.readFully(message);
    // 42 00 7B 01: Response Message, Structure
    if (message[0] != 0x42 || message[1] != 0x00 || message[2] != 0x7B || message[3] != 0x01) {
      throw new KmipReplyException(
          String.format(
              "the reply does not start with a Response Message (got %02X %02X %02X %02X)",
              message[0], message[1], message[2], message[3]));
    }
    int length = KmipTtlv.readInt(message, 4);
    if (length < 0 || length > MAX_REPLY) {
      throw new KmipReplyException("the reply announces " + length + " bytes");
    }
    byte[] whole = java.util.Arrays.copyOf(message, 8 + length);
    in.readFully(whole, 8, length);
    return whole;
  }
}
