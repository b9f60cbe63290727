package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.object.InMemoryObjectStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The TLS listener and framing, with a trivial handler in place of the KMIP dispatcher. */
class KmipServerTransportTest {
  private static final byte[] REQUEST = hex("4200780100000008" + "4200000000000000");
  private static final byte[] RESPONSE = hex("42007B0100000000");
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static TestPki pki;
  private static SSLContext serverContext;
  private static SSLContext goodClient;
  private final List<AutoCloseable> resources = new ArrayList<>();

  @BeforeAll
  static void pki() {
    pki = TestPki.create("transport");
    serverContext = pki.serverContext();
    goodClient = pki.clientContext();
  }

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : resources) {
      c.close();
    }
  }

  private KmipServer start(KmipServerConfig.Limits limits, RequestHandler handler)
      throws IOException {
    KmipServer server =
        KmipServer.start(
            KmipServerConfig.loopback(serverContext, new InMemoryObjectStore()).withLimits(limits),
            handler);
    resources.add(server);
    return server;
  }

  private KmipServer start() throws IOException {
    return start(KmipServerConfig.Limits.defaults(), (req, client) -> RESPONSE.clone());
  }

  private static KmipClient connect(SSLContext ctx, KmipServer server) throws IOException {
    return KmipClient.connect(ctx, "127.0.0.1", server.endpoint().port(), TIMEOUT);
  }

  private static void assertServes(KmipServer server) throws IOException {
    try (KmipClient c = connect(goodClient, server)) {
      assertThat(c.exchange(REQUEST)).isEqualTo(RESPONSE);
    }
  }

  @Test
  void bindsLoopbackOnAFreePortAndReportsIt() throws IOException {
    KmipServer server = start();
    assertThat(server.endpoint().address().isLoopbackAddress()).isTrue();
    assertThat(server.endpoint().port()).isPositive();
    assertThat(server.endpoint().host()).isEqualTo("127.0.0.1");
  }

  @Test
  void answersManySequentialRequestsOnOneConnection() throws IOException {
    KmipServer server = start();
    try (KmipClient c = connect(goodClient, server)) {
      for (int i = 0; i < 50; i++) {
        assertThat(c.exchange(REQUEST)).isEqualTo(RESPONSE);
      }
    }
  }

  @Test
  void handsTheClientCertificateFingerprintToTheHandler() throws IOException {
    TestPki.Issued client = pki.client();
    List<ClientIdentity> seen = new ArrayList<>();
    KmipServer server =
        start(
            KmipServerConfig.Limits.defaults(),
            (req, id) -> {
              seen.add(id);
              return RESPONSE.clone();
            });
    try (KmipClient c = connect(TestPki.context(client, pki.caCertificate()), server)) {
      c.exchange(REQUEST);
    }
    assertThat(seen)
        .singleElement()
        .extracting(ClientIdentity::fingerprint)
        .isEqualTo(Connection.fingerprint(client.certificate()));
  }

  @Test
  void negotiatesTls13AndTls12() throws Exception {
    KmipServer server = start();
    try (KmipClient c = connect(goodClient, server)) {
      assertThat(c.protocol()).isEqualTo("TLSv1.3");
    }
    SSLContext tls12 = SSLContext.getInstance("TLSv1.2");
    tls12.init(null, null, null);
    // A TLSv1.2-only context with the same identity: wrap the good context's factories.
    try (Socket raw = new Socket("127.0.0.1", server.endpoint().port())) {
      var s =
          (javax.net.ssl.SSLSocket)
              goodClient
                  .getSocketFactory()
                  .createSocket(raw, "127.0.0.1", server.endpoint().port(), true);
      s.setEnabledProtocols(new String[] {"TLSv1.2"});
      s.startHandshake();
      assertThat(s.getSession().getProtocol()).isEqualTo("TLSv1.2");
      s.getOutputStream().write(REQUEST);
      byte[] reply = s.getInputStream().readNBytes(RESPONSE.length);
      assertThat(reply).isEqualTo(RESPONSE);
    }
  }

  @Test
  void refusesAClientWithoutCertificateAndKeepsServing() throws IOException {
    KmipServer server = start();
    assertRefused(TestPki.context(null, pki.caCertificate()), server);
    assertServes(server);
  }

  @Test
  void refusesACertificateFromAnotherCa() throws IOException {
    KmipServer server = start();
    TestPki other = TestPki.create("other");
    assertRefused(TestPki.context(other.client(), pki.caCertificate()), server);
    assertServes(server);
  }

  @Test
  void refusesAnExpiredClientCertificate() throws IOException {
    KmipServer server = start();
    assertRefused(TestPki.context(pki.expiredClient(), pki.caCertificate()), server);
    assertServes(server);
  }

  @Test
  void refusesAClientCertificateWithoutClientAuthUsage() throws IOException {
    KmipServer server = start();
    assertRefused(TestPki.context(pki.clientWithoutClientAuth(), pki.caCertificate()), server);
    assertServes(server);
  }

  @Test
  void refusesATls11HelloWithAnAlert() throws IOException {
    KmipServer server = start();
    // The JDK client refuses to speak TLS 1.1 itself, so send a TLS 1.1 ClientHello by hand.
    try (Socket s = plain(server)) {
      s.getOutputStream().write(tls11ClientHello());
      InputStream in = s.getInputStream();
      int first = in.read();
      // Either an alert record (0x15) or a closed connection; never a ServerHello (0x16).
      assertThat(first).isIn(0x15, -1);
    }
    assertServes(server);
  }

  @Test
  void refusesPlainTcpKmip() throws IOException {
    KmipServer server = start();
    try (Socket s = plain(server)) {
      s.getOutputStream().write(REQUEST);
      InputStream in = s.getInputStream();
      byte[] got = in.readNBytes(8);
      assertThat(got).isNotEqualTo(RESPONSE);
    }
    assertServes(server);
  }

  @Test
  void closesOnALengthAboveTheCapWithoutReadingIt() throws IOException {
    KmipServer server = start();
    try (KmipClient c = connect(goodClient, server)) {
      assertThatThrownBy(() -> c.exchange(hex("420078017FFFFFF8"))).isInstanceOf(IOException.class);
    }
    assertServes(server);
  }

  @Test
  void closesOnGarbage() throws IOException {
    KmipServer server = start();
    try (KmipClient c = connect(goodClient, server)) {
      assertThatThrownBy(() -> c.exchange("GET / HTTP/1.1\r\n\r\n".getBytes()))
          .isInstanceOf(IOException.class);
    }
    assertServes(server);
  }

  @Test
  void dropsASlowClientAfterTheMessageTimeout() throws Exception {
    KmipServer server =
        start(
            KmipServerConfig.Limits.defaults().withMessageTimeout(Duration.ofMillis(300)),
            (req, client) -> RESPONSE.clone());
    var raw =
        (javax.net.ssl.SSLSocket)
            goodClient.getSocketFactory().createSocket("127.0.0.1", server.endpoint().port());
    resources.add(raw);
    raw.startHandshake();
    raw.getOutputStream().write(hex("4200780100000100")); // promises 256 bytes, sends none
    raw.getOutputStream().flush();
    raw.setSoTimeout((int) TIMEOUT.toMillis());
    assertServes(server);
    assertThat(raw.getInputStream().read()).isEqualTo(-1);
  }

  @Test
  void closesIdleConnectionsAfterTheConfiguredIdleTimeout() throws Exception {
    KmipServer server =
        start(
            KmipServerConfig.Limits.defaults().withIdleTimeout(Duration.ofMillis(300)),
            (req, client) -> RESPONSE.clone());
    try (KmipClient c = connect(goodClient, server)) {
      assertThat(c.exchange(REQUEST)).isEqualTo(RESPONSE);
      await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
      assertThatThrownBy(() -> c.exchange(REQUEST)).isInstanceOf(IOException.class);
    }
  }

  @Test
  void defaultIdleTimeoutIsMinutesNotSeconds() {
    assertThat(KmipServerConfig.Limits.defaults().idleTimeout())
        .isGreaterThanOrEqualTo(Duration.ofMinutes(10));
  }

  @Test
  void keepsServingWhileAThousandConnectionsAreOpen() throws Exception {
    KmipServer server = start();
    List<Socket> flood = new ArrayList<>();
    try {
      for (int i = 0; i < 1000; i++) {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", server.endpoint().port()), 10_000);
        flood.add(s);
      }
      assertServes(server);
      assertThat(server.openConnections())
          .isLessThanOrEqualTo(KmipServerConfig.Limits.defaults().maxConnections());
    } finally {
      for (Socket s : flood) {
        s.close();
      }
    }
    await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
    assertServes(server);
  }

  @Test
  void dropsHandshakesThatDoNotFinish() throws Exception {
    KmipServer server =
        start(
            KmipServerConfig.Limits.defaults().withHandshakeTimeout(Duration.ofMillis(300)),
            (req, client) -> RESPONSE.clone());
    try (Socket s = plain(server)) {
      // Sends nothing; the server gives up: at most an alert record (0x15), then end of stream.
      byte[] got = s.getInputStream().readAllBytes();
      assertThat(got.length == 0 || got[0] == 0x15).as("only an alert or nothing").isTrue();
    }
  }

  @Test
  void closeFinishesTheRequestInFlight() throws Exception {
    CountDownLatch entered = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    KmipServer server =
        start(
            KmipServerConfig.Limits.defaults(),
            (req, client) -> {
              entered.countDown();
              try {
                release.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              return RESPONSE.clone();
            });
    try (KmipClient busy = connect(goodClient, server);
        KmipClient idle = connect(goodClient, server)) {
      CompletableFuture<byte[]> reply =
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return busy.exchange(REQUEST);
                } catch (IOException e) {
                  throw new IllegalStateException(e);
                }
              });
      assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
      CompletableFuture<Void> closing = CompletableFuture.runAsync(server::close);
      await().atMost(TIMEOUT).until(() -> !server.isRunning());
      assertThatThrownBy(() -> idle.exchange(REQUEST)).isInstanceOf(IOException.class);
      release.countDown();
      assertThat(reply.get(10, TimeUnit.SECONDS)).isEqualTo(RESPONSE);
      closing.get(10, TimeUnit.SECONDS);
    }
    server.close(); // idempotent
    assertThatThrownBy(() -> connect(goodClient, server)).isInstanceOf(IOException.class);
  }

  private void assertRefused(SSLContext ctx, KmipServer server) {
    assertThatThrownBy(
            () -> {
              try (KmipClient c = connect(ctx, server)) {
                c.exchange(REQUEST); // TLS 1.3: the refusal may only show on first read
              }
            })
        .isInstanceOf(IOException.class);
  }

  private static Socket plain(KmipServer server) throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", server.endpoint().port()), 10_000);
    s.setSoTimeout((int) TIMEOUT.toMillis());
    return s;
  }

  /** A minimal TLS 1.1 ClientHello: record version 3.2, client_version 3.2, two CBC suites. */
  static byte[] tls11ClientHello() {
    byte[] random = new byte[32];
    String body = "0302" + hexOf(random) + "00" + "0004" + "002F" + "C013" + "01" + "00";
    int bodyLen = body.length() / 2;
    String handshake = "01" + String.format("%06X", bodyLen) + body;
    int hsLen = handshake.length() / 2;
    return hex("160302" + String.format("%04X", hsLen) + handshake);
  }

  static String hexOf(byte[] b) {
    return java.util.HexFormat.of().formatHex(b);
  }

  static byte[] hex(String s) {
    return java.util.HexFormat.of().parseHex(s.replaceAll("[^0-9a-fA-F]", ""));
  }

  @SuppressWarnings("unused")
  private static void write(OutputStream out, byte[] b) throws IOException {
    out.write(b);
    out.flush();
  }
}
