package io.restore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.security.cert.CertificateExpiredException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Real TLS handshakes on loopback against {@link SessionPki#serverContext()}. */
class SessionTlsHandshakeTest {
  private static final InetAddress IPV4_LOOPBACK = address("127.0.0.1");
  private static SessionPki pki;

  @TempDir Path dir;

  @BeforeAll
  static void createSession() {
    pki = SessionPki.create(PkiOptions.defaults());
  }

  @AfterAll
  static void closeSession() {
    pki.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "localhost", "::1"})
  void hostNameVerificationAcceptsEveryLoopbackName(String host) throws Exception {
    InetAddress address = InetAddress.getByName(host);
    assumeTrue(canBind(address), host + " is not configured on this machine");
    try (LoopbackTls.Server server = new LoopbackTls.Server(pki.serverContext(), address)) {
      LoopbackTls.connect(pki.clientContext(), host, server.port());
      assertThat(server.awaitClientCertificate()).isEqualTo(pki.clientCertificate());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"kmip.example.com", "127.0.0.2", "localhost.localdomain"})
  void hostNameVerificationRejectsNamesOutsideTheCertificate(String name) throws Exception {
    try (LoopbackTls.Server server = new LoopbackTls.Server(pki.serverContext(), IPV4_LOOPBACK)) {
      assertThatThrownBy(
              () ->
                  LoopbackTls.connectExpecting(
                      pki.clientContext(), IPV4_LOOPBACK, server.port(), name))
          .isInstanceOf(SSLHandshakeException.class)
          .hasMessageContaining(name.startsWith("127") ? "IP address" : "name");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void clientBuiltFromTheWrittenPemFilesCompletesMutualTls(KeyAlgorithm algorithm)
      throws Exception {
    try (SessionPki session =
        SessionPki.create(PkiOptions.defaults().withKeyAlgorithm(algorithm))) {
      ClientFiles files = session.writeClientFiles(dir, Optional.empty());
      SSLContext client = LoopbackTls.clientContextFromFiles(files, Optional.empty());
      try (LoopbackTls.Server server =
          new LoopbackTls.Server(session.serverContext(), IPV4_LOOPBACK)) {
        LoopbackTls.connect(client, "127.0.0.1", server.port());
        assertThat(server.awaitClientCertificate()).isEqualTo(session.clientCertificate());
      }
    }
  }

  @Test
  void clientWithAnEncryptedKeyFileCompletesMutualTls() throws Exception {
    char[] password = "correct horse".toCharArray();
    ClientFiles files = pki.writeClientFiles(dir, Optional.of(password));
    SSLContext client = LoopbackTls.clientContextFromFiles(files, Optional.of(password));
    try (LoopbackTls.Server server = new LoopbackTls.Server(pki.serverContext(), IPV4_LOOPBACK)) {
      LoopbackTls.connect(client, "localhost", server.port());
      assertThat(server.awaitClientCertificate()).isEqualTo(pki.clientCertificate());
    }
  }

  @Test
  void serverRefusesAClientCertificateFromAnotherSession() throws Exception {
    try (SessionPki other = SessionPki.create(PkiOptions.defaults())) {
      ClientFiles otherFiles = other.writeClientFiles(dir, Optional.empty());
      // The stranger trusts our CA, so the only thing wrong is its own certificate.
      SSLContext stranger =
          LoopbackTls.clientContext(
              LoopbackTls.readClientPem(otherFiles.clientFile(), Optional.empty()),
              new javax.net.ssl.TrustManager[] {
                SessionPkiCertificatesTest.trustManagerFor(pki.caCertificate())
              });
      try (LoopbackTls.Server server = new LoopbackTls.Server(pki.serverContext(), IPV4_LOOPBACK)) {
        assertThatThrownBy(() -> LoopbackTls.connect(stranger, "127.0.0.1", server.port()))
            .isInstanceOf(IOException.class);
        assertThatThrownBy(server::awaitClientCertificate)
            .isInstanceOf(SSLHandshakeException.class);
      }
    }
  }

  @Test
  void clientRefusesAServerFromAnotherSession() throws Exception {
    try (SessionPki other = SessionPki.create(PkiOptions.defaults());
        LoopbackTls.Server server = new LoopbackTls.Server(other.serverContext(), IPV4_LOOPBACK)) {
      assertThatThrownBy(() -> LoopbackTls.connect(pki.clientContext(), "127.0.0.1", server.port()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void clientRefusesAnExpiredServerCertificate() throws Exception {
    try (SessionPki expired = expiredSession();
        LoopbackTls.Server server =
            new LoopbackTls.Server(expired.serverContext(), IPV4_LOOPBACK)) {
      assertThatThrownBy(
              () -> LoopbackTls.connect(expired.clientContext(), "127.0.0.1", server.port()))
          .isInstanceOf(SSLHandshakeException.class)
          .hasRootCauseInstanceOf(CertificateExpiredException.class);
    }
  }

  @Test
  void serverRefusesAnExpiredClientCertificate() throws Exception {
    try (SessionPki expired = expiredSession()) {
      ClientFiles files = expired.writeClientFiles(dir, Optional.empty());
      SSLContext client =
          LoopbackTls.clientContext(
              LoopbackTls.readClientPem(files.clientFile(), Optional.empty()),
              LoopbackTls.trustingAnyServer());
      try (LoopbackTls.Server server =
          new LoopbackTls.Server(expired.serverContext(), IPV4_LOOPBACK)) {
        assertThatThrownBy(() -> LoopbackTls.connect(client, "127.0.0.1", server.port()))
            .isInstanceOf(IOException.class);
        assertThatThrownBy(server::awaitClientCertificate)
            .isInstanceOf(SSLHandshakeException.class)
            .hasRootCauseInstanceOf(CertificateExpiredException.class);
      }
    }
  }

  @Test
  void aContextMadeBeforeCloseCannotHandshakeAfterIt() throws Exception {
    SessionPki session = SessionPki.create(PkiOptions.defaults());
    SSLContext serverContext = session.serverContext();
    SSLContext clientContext = session.clientContext();
    session.close();
    try (LoopbackTls.Server server = new LoopbackTls.Server(serverContext, IPV4_LOOPBACK)) {
      assertThatThrownBy(() -> LoopbackTls.connect(clientContext, "127.0.0.1", server.port()))
          .isInstanceOf(IOException.class);
      assertThatThrownBy(server::awaitClientCertificate).isInstanceOf(IOException.class);
    }
  }

  /** Valid for a week, a month ago: expired now, by the JDK's real clock. */
  private static SessionPki expiredSession() {
    Instant monthAgo = Instant.now().minus(Duration.ofDays(30));
    return SessionPki.create(
        PkiOptions.defaults().withClock(Clock.fixed(monthAgo, ZoneOffset.UTC)));
  }

  private static boolean canBind(InetAddress address) {
    try (ServerSocket probe = new ServerSocket(0, 1, address)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
