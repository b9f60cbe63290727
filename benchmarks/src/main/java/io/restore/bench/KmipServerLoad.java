package io.restore.bench;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.message.ActivateRequest;
import io.restore.kmip.message.Attribute;
import io.restore.kmip.message.Attributes;
import io.restore.kmip.message.CreateRequest;
import io.restore.kmip.message.CreateResponse;
import io.restore.kmip.message.ProtocolVersion;
import io.restore.kmip.object.InMemoryObjectStore;
import io.restore.kmip.server.KmipAuditListener;
import io.restore.kmip.server.KmipServer;
import io.restore.kmip.server.KmipServerConfig;
import io.restore.kmip.server.TestPki;
import io.restore.kmip.ttlv.CryptographicAlgorithm;
import io.restore.kmip.ttlv.ObjectType;
import io.restore.kmip.ttlv.Operation;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Load client for scripts/bench-kmip: Get on one preloaded AES-256 key, (a) one connection
 * sequential, (b) 16 connections in parallel, (c) a new TLS connection per request; against our
 * KmipServer and, in the same run, against PyKMIP's pykmip-server. Prints a Markdown table.
 *
 * <p>Arguments: [seconds per scenario, default 5] [path of pykmip-server or "none"].
 */
public final class KmipServerLoad {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  /** Audit lines through slf4j-simple as restore writes them (scripts/bench-kmip: to a file). */
  private static final Logger AUDIT_LOG = LoggerFactory.getLogger("io.restore.kmip.audit");

  private static final KmipAuditListener AUDIT =
      new KmipAuditListener() {
        @Override
        public void operation(OperationEvent event) {
          if (AUDIT_LOG.isInfoEnabled()) {
            AUDIT_LOG.info(event.line());
          }
        }

        @Override
        public void connection(ConnectionEvent event) {
          if (AUDIT_LOG.isInfoEnabled()) {
            AUDIT_LOG.info(event.line());
          }
        }
      };

  private record Target(String name, int port, String uid) {}

  private record Result(String scenario, long ops, double seconds, long p50Nanos, long p99Nanos) {
    double opsPerSecond() {
      return ops / seconds;
    }
  }

  public static void main(String[] args) throws Exception {
    int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
    String pykmip = args.length > 1 ? args[1] : "/usr/bin/pykmip-server";
    TestPki pki = TestPki.create("bench");
    SSLContext client = pki.clientContext();
    Path dir = Files.createTempDirectory("bench-kmip");

    byte[] key = new byte[32];
    new java.security.SecureRandom().nextBytes(key);
    List<Result> ours;
    try (InMemoryObjectStore store = InMemoryObjectStore.withActiveKey("1", key);
        KmipServer server =
            KmipServer.start(
                KmipServerConfig.loopback(pki.serverContext(), store).withAudit(AUDIT))) {
      Target target = new Target("restore", server.endpoint().port(), "1");
      run(client, target, 1, false, 2); // warm-up
      ours = scenarios(client, target, seconds);
    }

    List<Result> theirs = null;
    Process py = null;
    if (!pykmip.equals("none") && Files.isExecutable(Path.of(pykmip))) {
      try {
        int port = freePort();
        TestPki.Issued serverCert = pki.server();
        pki.writePem(dir, "server", serverCert);
        Files.createDirectories(dir.resolve("policies"));
        Files.writeString(
            dir.resolve("server.conf"),
            String.join(
                "\n",
                "[server]",
                "hostname=127.0.0.1",
                "port=" + port,
                "certificate_path=" + dir.resolve("server-cert.pem"),
                "key_path=" + dir.resolve("server-key.pem"),
                "ca_path=" + dir.resolve("ca.pem"),
                "auth_suite=TLS1.2",
                "policy_path=" + dir.resolve("policies"),
                "enable_tls_client_auth=True",
                "logging_level=ERROR",
                "database_path=" + dir.resolve("pykmip.db"),
                ""));
        py =
            new ProcessBuilder(
                    pykmip,
                    "-f",
                    dir.resolve("server.conf").toString(),
                    "-l",
                    dir.resolve("pykmip.log").toString())
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("pykmip.out").toFile())
                .start();
        awaitPort(port, py);
        String uid = preload(client, port);
        Target target = new Target("pykmip", port, uid);
        run(client, target, 1, false, 1); // warm-up
        theirs = scenarios(client, target, seconds);
      } finally {
        if (py != null) {
          py.destroy();
          py.waitFor(10, TimeUnit.SECONDS);
        }
      }
    }
    print(ours, theirs, seconds);
  }

  private static List<Result> scenarios(SSLContext client, Target target, int seconds)
      throws Exception {
    List<Result> out = new ArrayList<>();
    out.add(named("(a) 1 connection, sequential", run(client, target, 1, false, seconds)));
    out.add(named("(b) 16 connections, parallel", run(client, target, 16, false, seconds)));
    out.add(named("(c) new TLS connection per Get", run(client, target, 1, true, seconds)));
    return out;
  }

  private static Result named(String name, Result r) {
    return new Result(name, r.ops(), r.seconds(), r.p50Nanos(), r.p99Nanos());
  }

  /** Runs Get for {@code seconds} on {@code threads} clients; latencies per request. */
  private static Result run(
      SSLContext ctx, Target target, int threads, boolean reconnect, int seconds) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    List<Future<long[]>> futures = new ArrayList<>();
    long start = System.nanoTime();
    for (int t = 0; t < threads; t++) {
      futures.add(
          pool.submit(
              () -> {
                long[] lat = new long[1 << 16];
                int n = 0;
                KmipClient c = reconnect ? null : connect(ctx, target);
                try {
                  while (System.nanoTime() < deadline) {
                    long t0 = System.nanoTime();
                    if (reconnect) {
                      try (KmipClient once = connect(ctx, target)) {
                        once.get(target.uid());
                      }
                    } else {
                      c.get(target.uid());
                    }
                    long dt = System.nanoTime() - t0;
                    if (n == lat.length) {
                      lat = Arrays.copyOf(lat, n * 2);
                    }
                    lat[n++] = dt;
                  }
                } finally {
                  if (c != null) {
                    c.close();
                  }
                }
                return Arrays.copyOf(lat, n);
              }));
    }
    List<long[]> all = new ArrayList<>();
    for (Future<long[]> f : futures) {
      all.add(f.get());
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    long[] merged = all.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    if (merged.length == 0) {
      return new Result("", 0, elapsed, 0, 0);
    }
    return new Result(
        "",
        merged.length,
        elapsed,
        merged[(int) (merged.length * 0.50)],
        merged[Math.min(merged.length - 1, (int) (merged.length * 0.99))]);
  }

  private static KmipClient connect(SSLContext ctx, Target target) throws IOException {
    return KmipClient.connect(ctx, "127.0.0.1", target.port(), TIMEOUT);
  }

  /** Create + Activate an AES-256 key on the peer; returns its UID. */
  private static String preload(SSLContext ctx, int port) throws Exception {
    try (KmipClient c = KmipClient.connect(ctx, "127.0.0.1", port, TIMEOUT)) {
      CreateResponse created =
          (CreateResponse)
              c.call(
                  ProtocolVersion.V1_2,
                  Operation.CREATE,
                  new CreateRequest(
                      ObjectType.SYMMETRIC_KEY,
                      Attributes.template(
                          List.of(
                              Attribute.enumeration(
                                  "Cryptographic Algorithm", CryptographicAlgorithm.AES),
                              Attribute.integer("Cryptographic Length", 256),
                              Attribute.integer("Cryptographic Usage Mask", 12)))));
      c.call(
          ProtocolVersion.V1_2, Operation.ACTIVATE, ActivateRequest.of(created.uniqueIdentifier()));
      return created.uniqueIdentifier();
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /** Polls the port until pykmip-server accepts (a bounded start-up wait, not a sleep loop). */
  private static void awaitPort(int port, Process p) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (!p.isAlive()) {
        throw new IllegalStateException("pykmip-server exited with " + p.exitValue());
      }
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress("127.0.0.1", port), 200);
        return;
      } catch (IOException e) {
        p.waitFor(100, TimeUnit.MILLISECONDS); // wait for the child, bounded
      }
    }
    throw new IllegalStateException("pykmip-server did not listen on " + port + " within 30 s");
  }

  private static void print(List<Result> ours, List<Result> theirs, int seconds) {
    System.out.printf(
        Locale.ROOT, "%d s per scenario, Get on one AES-256 key (KMIP 1.2)%n%n", seconds);
    System.out.println(
        "| scenario | restore ops/s | p50 ms | p99 ms | pykmip-server ops/s | p50 ms | p99 ms | ratio (ops/s) |");
    System.out.println("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (int i = 0; i < ours.size(); i++) {
      Result o = ours.get(i);
      Result t = theirs == null ? null : theirs.get(i);
      System.out.printf(
          Locale.ROOT,
          "| %s | %.0f | %.3f | %.3f | %s | %s | %s | %s |%n",
          o.scenario(),
          o.opsPerSecond(),
          o.p50Nanos() / 1e6,
          o.p99Nanos() / 1e6,
          t == null ? "-" : String.format(Locale.ROOT, "%.0f", t.opsPerSecond()),
          t == null ? "-" : String.format(Locale.ROOT, "%.3f", t.p50Nanos() / 1e6),
          t == null ? "-" : String.format(Locale.ROOT, "%.3f", t.p99Nanos() / 1e6),
          t == null || t.ops() == 0
              ? "-"
              : String.format(Locale.ROOT, "%.1f×", o.opsPerSecond() / t.opsPerSecond()));
    }
  }

  private KmipServerLoad() {}
}
