package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.object.InMemoryObjectStore;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The server reports operations and connection events to its listener, never key bytes. */
class KmipAuditListenerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  /** Records what the server reports. */
  private static final class Recorder implements KmipAuditListener {
    final List<OperationEvent> operations = new CopyOnWriteArrayList<>();
    final List<ConnectionEvent> connections = new CopyOnWriteArrayList<>();

    @Override
    public void operation(OperationEvent event) {
      operations.add(event);
    }

    @Override
    public void connection(ConnectionEvent event) {
      connections.add(event);
    }
  }

  @Test
  void oneEventPerOperationWithTheClientFingerprintAndNoKeyBytes() throws Exception {
    TestPki pki = TestPki.create("audit");
    TestPki.Issued client = pki.client();
    byte[] key = new byte[32];
    Arrays.fill(key, (byte) 0x5A);
    Recorder recorder = new Recorder();
    try (InMemoryObjectStore store = InMemoryObjectStore.withActiveKey("key-1", key);
        KmipServer server =
            KmipServer.start(
                KmipServerConfig.loopback(pki.serverContext(), store).withAudit(recorder));
        KmipClient c = connect(TestPki.context(client, pki.caCertificate()), server)) {
      assertThat(c.get("key-1")).isEqualTo(key);
    }

    assertThat(recorder.operations).hasSize(1);
    KmipAuditListener.OperationEvent get = recorder.operations.get(0);
    assertThat(get.clientFingerprint()).isEqualTo(Connection.fingerprint(client.certificate()));
    assertThat(get.operation()).isEqualTo("Get");
    assertThat(get.uid()).isEqualTo("key-1");
    assertThat(get.result()).isEqualTo("Success");
    assertThat(get.micros()).isNotNegative();
    assertThat(get.line())
        .startsWith("time=")
        .contains("client=sha256:" + get.clientFingerprint(), " op=Get uid=key-1 result=Success")
        .doesNotContainIgnoringCase(HexFormat.of().formatHex(key));
  }

  @Test
  void aRefusedHandshakeIsAConnectionEvent() throws IOException {
    TestPki pki = TestPki.create("audit-refused");
    Recorder recorder = new Recorder();
    SSLContext noClientAuth = TestPki.context(pki.clientWithoutClientAuth(), pki.caCertificate());
    try (InMemoryObjectStore store = new InMemoryObjectStore();
        KmipServer server =
            KmipServer.start(
                KmipServerConfig.loopback(pki.serverContext(), store).withAudit(recorder))) {
      assertThatThrownBy(() -> connect(noClientAuth, server).get("x"))
          .isInstanceOf(IOException.class);
      await()
          .atMost(TIMEOUT)
          .untilAsserted(
              () ->
                  assertThat(recorder.connections)
                      .anyMatch(
                          e ->
                              e.event().contains("clientAuth")
                                  && e.client().startsWith("sha256:")));
    }
    assertThat(recorder.operations).isEmpty();
  }

  @Test
  void aFailingListenerDoesNotChangeTheAnswer() throws Exception {
    TestPki pki = TestPki.create("audit-failing");
    KmipAuditListener failing =
        new KmipAuditListener() {
          @Override
          public void operation(OperationEvent event) {
            throw new IllegalStateException("audit sink is full");
          }

          @Override
          public void connection(ConnectionEvent event) {
            throw new IllegalStateException("audit sink is full");
          }
        };
    byte[] key = new byte[32];
    try (InMemoryObjectStore store = InMemoryObjectStore.withActiveKey("key-1", key);
        KmipServer server =
            KmipServer.start(
                KmipServerConfig.loopback(pki.serverContext(), store).withAudit(failing));
        KmipClient c = connect(pki.clientContext(), server)) {
      assertThat(c.get("key-1")).isEqualTo(key);
      assertThat(c.get("key-1")).isEqualTo(key);
    }
  }

  private static KmipClient connect(SSLContext ctx, KmipServer server) throws IOException {
    return KmipClient.connect(ctx, "127.0.0.1", server.endpoint().port(), TIMEOUT);
  }
}
