package io.restore.kmip.server;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;

/**
 * One client connection: TLS handshake under a deadline, client certificate checks, then requests
 * read and answered one after another until the client closes, stays idle too long, breaks the
 * framing, or the server stops.
 */
final class Connection implements Runnable {
  /** id-kp-clientAuth, RFC 5280 §4.2.1.12. */
  static final String CLIENT_AUTH_EKU = "1.3.6.1.5.5.7.3.2";

  enum Phase {
    HANDSHAKE,
    IDLE,
    BUSY,
    CLOSED
  }

  private final SSLSocket socket;
  private final KmipServerConfig.Limits limits;
  private final RequestHandler handler;
  private final ScheduledExecutorService watchdog;
  private final Clock clock;
  private final KmipServer server;
  private final Framing framing;
  private final AuditLog audit;
  private Phase phase = Phase.HANDSHAKE;
  private boolean stopRequested;

  Connection(
      SSLSocket socket,
      KmipServerConfig.Limits limits,
      RequestHandler handler,
      ScheduledExecutorService watchdog,
      Clock clock,
      KmipServer server,
      AuditLog audit) {
    this.socket = socket;
    this.limits = limits;
    this.handler = handler;
    this.watchdog = watchdog;
    this.clock = clock;
    this.server = server;
    this.framing = new Framing(limits.maxMessageBytes());
    this.audit = audit;
  }

  synchronized Phase phase() {
    return phase;
  }

  @Override
  public void run() {
    String who = "-";
    try {
      ClientIdentity client = handshake();
      if (client == null) {
        return;
      }
      who = "sha256:" + client.fingerprint();
      server.authenticated(this);
      serve(client);
    } catch (Framing.FramingException e) {
      audit.connection(
          clock.instant(), socket.getRemoteSocketAddress(), who, "closed: " + e.getMessage());
    } catch (SocketTimeoutException e) {
      audit.connection(clock.instant(), socket.getRemoteSocketAddress(), who, "closed: timed out");
    } catch (EOFException e) {
      audit.connection(
          clock.instant(), socket.getRemoteSocketAddress(), who, "closed: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      if (!isClosed()) {
        audit.connection(
            clock.instant(), socket.getRemoteSocketAddress(), who, "closed: " + describe(e));
      }
    } finally {
      abort();
      server.removed(this);
    }
  }

  /** Runs the handshake; returns null (after logging) when the client is refused. */
  private ClientIdentity handshake() throws IOException {
    ScheduledFuture<?> deadline =
        watchdog.schedule(this::abort, limits.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS);
    try {
      socket.setSoTimeout((int) limits.handshakeTimeout().toMillis());
      socket.startHandshake();
    } catch (IOException e) {
      audit.connection(
          clock.instant(),
          socket.getRemoteSocketAddress(),
          "-",
          "handshake refused: " + describe(e));
      return null;
    } finally {
      deadline.cancel(false);
    }
    SSLSession session = socket.getSession();
    X509Certificate leaf;
    try {
      leaf = (X509Certificate) session.getPeerCertificates()[0];
    } catch (SSLPeerUnverifiedException | ClassCastException e) {
      audit.connection(
          clock.instant(), socket.getRemoteSocketAddress(), "-", "refused: no client certificate");
      return null;
    }
    String fingerprint = fingerprint(leaf);
    if (!hasClientAuthUsage(leaf)) {
      // JSSE accepts a certificate without any extended key usage; we require clientAuth
      // (docs/design/reliability.md #6).
      audit.connection(
          clock.instant(),
          socket.getRemoteSocketAddress(),
          "sha256:" + fingerprint,
          "refused: client certificate lacks the clientAuth extended key usage");
      return null;
    }
    return new ClientIdentity(
        fingerprint, leaf.getSubjectX500Principal().getName(), socket.getRemoteSocketAddress());
  }

  private void serve(ClientIdentity client) throws IOException {
    InputStream in = socket.getInputStream();
    OutputStream out = socket.getOutputStream();
    int idleMillis = (int) Math.min(Integer.MAX_VALUE, limits.idleTimeout().toMillis());
    int messageMillis = (int) Math.min(Integer.MAX_VALUE, limits.messageTimeout().toMillis());
    while (true) {
      synchronized (this) {
        if (stopRequested) {
          return;
        }
        phase = Phase.IDLE;
      }
      socket.setSoTimeout(idleMillis);
      int first;
      try {
        first = in.read();
      } catch (SocketTimeoutException e) {
        audit.connection(
            clock.instant(),
            socket.getRemoteSocketAddress(),
            "sha256:" + client.fingerprint(),
            "closed: idle");
        return;
      }
      if (first < 0) {
        return; // the client closed between requests: the normal end
      }
      synchronized (this) {
        if (stopRequested) {
          return;
        }
        phase = Phase.BUSY;
      }
      byte[] request = readRest(in, first, messageMillis);
      byte[] response = handler.handle(request, client);
      out.write(response);
      out.flush();
    }
  }

  /**
   * Reads the rest of a message. When it is already buffered (the usual case: one TLS record) no
   * watchdog is needed; otherwise a deadline closes the socket of a client that trickles bytes.
   */
  private byte[] readRest(InputStream in, int first, int messageMillis) throws IOException {
    if (in.available() >= Framing.HEADER_BYTES - 1) {
      byte[] header = new byte[Framing.HEADER_BYTES];
      header[0] = (byte) first;
      Framing.readFully(in, header, 1, Framing.HEADER_BYTES - 1);
      int length = framing.bodyLength(header);
      byte[] message = new byte[Framing.HEADER_BYTES + length];
      System.arraycopy(header, 0, message, 0, Framing.HEADER_BYTES);
      if (in.available() >= length) {
        Framing.readFully(in, message, Framing.HEADER_BYTES, length);
        return message;
      }
      ScheduledFuture<?> deadline =
          watchdog.schedule(this::abort, messageMillis, TimeUnit.MILLISECONDS);
      try {
        socket.setSoTimeout(messageMillis);
        Framing.readFully(in, message, Framing.HEADER_BYTES, length);
        return message;
      } finally {
        deadline.cancel(false);
      }
    }
    ScheduledFuture<?> deadline =
        watchdog.schedule(this::abort, messageMillis, TimeUnit.MILLISECONDS);
    try {
      socket.setSoTimeout(messageMillis);
      return framing.readMessage(in, first);
    } finally {
      deadline.cancel(false);
    }
  }

  /**
   * Asks the connection to end: at once when it waits for a request or a handshake, after the
   * current reply when it is busy.
   */
  void stop() {
    boolean closeNow;
    synchronized (this) {
      stopRequested = true;
      closeNow = phase != Phase.BUSY;
    }
    if (closeNow) {
      abort();
    }
  }

  /** Closes the socket now. Idempotent. */
  void abort() {
    synchronized (this) {
      phase = Phase.CLOSED;
    }
    try {
      // JDK 17's SSLSocket.close() drains unread input for up to SO_TIMEOUT (minutes while idle)
      // before it closes; the peer's leftovers do not matter to us.
      socket.setSoTimeout(1);
    } catch (IOException e) {
      // already closed
    }
    try {
      socket.close();
    } catch (IOException e) {
      // already closed or broken: nothing more to release
    }
  }

  private boolean isClosed() {
    synchronized (this) {
      return phase == Phase.CLOSED || socket.isClosed();
    }
  }

  private static boolean hasClientAuthUsage(X509Certificate cert) {
    try {
      List<String> usages = cert.getExtendedKeyUsage();
      return usages != null && usages.contains(CLIENT_AUTH_EKU);
    } catch (CertificateParsingException e) {
      return false;
    }
  }

  static String fingerprint(X509Certificate cert) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException("cannot fingerprint a certificate", e);
    }
  }

  private static String describe(Exception e) {
    if (e instanceof SSLException || e instanceof SocketException) {
      return e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    return e.toString();
  }
}
