package io.restore.kmip.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.object.InMemoryObjectStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * Idle authenticated connections cost little (docs/design/reliability.md #5): 300 TLS connections,
 * each having made one request and then left idle, retain well under 64 KiB of heap each. Clients
 * and server share this JVM, so the figure covers both ends of every connection: the server's share
 * alone is smaller still. Heap is measured after full collections; RSS is reported, not asserted
 * (the JVM keeps memory it once grew into). Not a timed test.
 */
class IdleConnectionsTest {
  private static final int CONNECTIONS = 300;
  private static final long MAX_RETAINED_PER_CONNECTION = 64 * 1024;
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @Test
  void threeHundredIdleAuthenticatedConnectionsRetainLittleHeap() throws Exception {
    TestPki pki = TestPki.create("idle");
    byte[] key = new byte[32];
    try (InMemoryObjectStore store = InMemoryObjectStore.withActiveKey("key-1", key);
        KmipServer server =
            KmipServer.start(KmipServerConfig.loopback(pki.serverContext(), store))) {
      SSLContext client = pki.clientContext();
      // One connection first, so TLS and codec classes and caches are loaded before the baseline.
      try (KmipClient warm = connect(client, server)) {
        warm.get("key-1");
      }
      await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
      long heapBefore = retainedHeap();
      long rssBefore = rssBytes();

      List<KmipClient> idle = new ArrayList<>();
      try {
        for (int i = 0; i < CONNECTIONS; i++) {
          KmipClient c = connect(client, server);
          idle.add(c);
          assertThat(c.get("key-1")).isEqualTo(key); // authenticated and served once, then idle
        }
        assertThat(server.openConnections()).isEqualTo(CONNECTIONS);
        long heapDuring = retainedHeap();
        long rssDuring = rssBytes();
        long perConnection = (heapDuring - heapBefore) / CONNECTIONS;
        report("during", heapBefore, heapDuring, rssBefore, rssDuring, perConnection);
        assertThat(perConnection)
            .as("retained heap per idle connection (client and server ends together)")
            .isLessThan(MAX_RETAINED_PER_CONNECTION);
      } finally {
        for (KmipClient c : idle) {
          c.close();
        }
        idle.clear(); // the closed clients' sockets must not count as the server's
      }
      await().atMost(TIMEOUT).until(() -> server.openConnections() == 0);
      // Connection threads end soon after their connection, with their per-thread buffers.
      await().atMost(TIMEOUT).until(() -> connectionThreads() == 0);
      long heapAfter = retainedHeap();
      long rssAfter = rssBytes();
      report("after", heapBefore, heapAfter, rssBefore, rssAfter, 0);
      assertThat(heapAfter - heapBefore)
          .as("heap still held after the connections closed")
          .isLessThan(CONNECTIONS * MAX_RETAINED_PER_CONNECTION / 8);
    }
  }

  private static KmipClient connect(SSLContext ctx, KmipServer server) throws IOException {
    return KmipClient.connect(ctx, "127.0.0.1", server.endpoint().port(), TIMEOUT);
  }

  private static long connectionThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().matches("kmip-\\d+-conn-\\d+"))
        .count();
  }

  /**
   * Heap in use after full collections: the lowest of several readings, with finalization run
   * between them, since objects of ended threads and closed sockets may need more than one cycle.
   */
  @SuppressWarnings("removal") // runFinalization: JDK 17 still finalizes some JDK objects
  private static long retainedHeap() {
    var memory = ManagementFactory.getMemoryMXBean();
    long lowest = Long.MAX_VALUE;
    for (int i = 0; i < 8; i++) {
      System.gc();
      System.runFinalization();
      lowest = Math.min(lowest, memory.getHeapMemoryUsage().getUsed());
    }
    return lowest;
  }

  /** This process's resident set size, from /proc (0 where there is none). */
  private static long rssBytes() throws IOException {
    Path status = Path.of("/proc/self/status");
    if (!Files.isReadable(status)) {
      return 0;
    }
    for (String line : Files.readAllLines(status)) {
      if (line.startsWith("VmRSS:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
      }
    }
    return 0;
  }

  private static void report(
      String phase, long heap0, long heap1, long rss0, long rss1, long perConnection) {
    System.out.printf(
        "idle connections %s: heap %d -> %d KiB, RSS %d -> %d MiB, %d B per connection%n",
        phase, heap0 >> 10, heap1 >> 10, rss0 >> 20, rss1 >> 20, perConnection);
  }
}
