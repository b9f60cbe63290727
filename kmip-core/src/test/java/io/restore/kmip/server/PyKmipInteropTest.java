package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.kmip.object.InMemoryObjectStore;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PyKMIP 0.10's client (Debian python3-pykmip) against our server: the whole lifecycle, Encrypt/
 * Decrypt, Secret Data, Query and Discover Versions, under KMIP 1.0, 1.2 and 1.4.
 */
class PyKmipInteropTest {
  @TempDir static Path dir;
  private static KmipServer server;
  private static InMemoryObjectStore store;
  private static Path driver;

  @BeforeAll
  static void start() throws IOException {
    PythonPeers.requirePyKmip();
    TestPki pki = TestPki.create("pykmip");
    pki.writePem(dir, "client", pki.client());
    store = new InMemoryObjectStore();
    server = KmipServer.start(KmipServerConfig.loopback(pki.serverContext(), store));
    driver = PythonPeers.resource("/pykmip/client_driver.py", dir);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
      store.close();
    }
  }

  @ParameterizedTest(name = "KMIP {0}")
  @ValueSource(strings = {"1.0", "1.2", "1.4"})
  void pyKmipClientRunsTheWholeLifecycle(String version) throws Exception {
    Process p =
        new ProcessBuilder(
                PythonPeers.PYTHON,
                driver.toString(),
                "127.0.0.1",
                Integer.toString(server.endpoint().port()),
                dir.resolve("client-cert.pem").toString(),
                dir.resolve("client-key.pem").toString(),
                dir.resolve("ca.pem").toString(),
                version)
            .redirectErrorStream(true)
            .start();
    String text = PythonPeers.runToEnd(p, Duration.ofSeconds(60));
    assertThat(p.exitValue()).as(text).isZero();
    assertThat(text).contains("OK discover_versions", "ALL OK");
  }
}
