package io.restore.source;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A loopback HTTP server holding one archive, with the faults a download meets: a status code, a
 * connection cut mid-body (first response only), no {@code Accept-Ranges}, a body that stalls.
 * Public for the end-to-end tests in other packages.
 */
public final class SnapshotServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService pool = Executors.newCachedThreadPool();
  private final byte[] body;
  private final List<String> ranges = new ArrayList<>();
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile boolean acceptRanges = true;
  private volatile int cutFirstAfter = -1;
  private volatile int stallAfter = -1;
  private final CountDownLatch served = new CountDownLatch(1);
  private volatile CountDownLatch gate;
  private volatile boolean openedByGate;

  public SnapshotServer(byte[] body) throws IOException {
    this.body = body;
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.setExecutor(pool);
    server.start();
  }

  public SnapshotServer status(int code) {
    status = code;
    return this;
  }

  public SnapshotServer noAcceptRanges() {
    acceptRanges = false;
    return this;
  }

  /** The first response sends this many body bytes, then the connection is closed. */
  public SnapshotServer cutFirstResponseAfter(int bytes) {
    cutFirstAfter = bytes;
    return this;
  }

  /** Every response stops at this byte of the archive and waits until {@link #close()}. */
  public SnapshotServer stallAfter(int bytes) {
    stallAfter = bytes;
    return this;
  }

  /** Counted down once a response has sent the whole archive. */
  public CountDownLatch served() {
    return served;
  }

  /**
   * Holds every response (before its headers) until {@code gate} opens, e.g. another server's
   * {@link #served()}: proof that two downloads overlapped. A bound (five minutes) keeps a client
   * that fetches one at a time from hanging the test; {@link #openedByGate()} tells which it was.
   */
  public SnapshotServer holdUntil(CountDownLatch gate) {
    this.gate = gate;
    return this;
  }

  public boolean openedByGate() {
    return openedByGate;
  }

  /** The link, with a query that must never be printed. */
  public URI uri() {
    return URI.create(
        "http://127.0.0.1:"
            + server.getAddress().getPort()
            + "/snap.tar.gz?X-Amz-Signature=SECRET-TOKEN");
  }

  public synchronized List<String> ranges() {
    return new ArrayList<>(ranges);
  }

  private void handle(HttpExchange ex) throws IOException {
    int n = requests.incrementAndGet();
    String range = ex.getRequestHeaders().getFirst("Range");
    synchronized (this) {
      ranges.add(range);
    }
    try (ex) {
      CountDownLatch g = gate;
      if (g != null && g.await(5, java.util.concurrent.TimeUnit.MINUTES)) {
        openedByGate = true;
      }
      if (status != 200) {
        ex.sendResponseHeaders(status, -1);
        return;
      }
      int start = 0;
      if (acceptRanges) {
        ex.getResponseHeaders().add("Accept-Ranges", "bytes");
        ex.getResponseHeaders().add("ETag", "\"v1\"");
      }
      if (range != null && acceptRanges) {
        start = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
        ex.getResponseHeaders()
            .add("Content-Range", "bytes " + start + "-" + (body.length - 1) + "/" + body.length);
        ex.sendResponseHeaders(206, body.length - start);
      } else {
        ex.sendResponseHeaders(200, body.length);
      }
      OutputStream out = ex.getResponseBody();
      if (n == 1 && cutFirstAfter >= 0) {
        out.write(body, 0, cutFirstAfter);
        out.flush();
        return; // closing short of Content-Length drops the connection
      }
      if (stallAfter >= 0) {
        out.write(body, start, Math.max(0, Math.min(stallAfter, body.length) - start));
        out.flush();
        release.await();
        return;
      }
      out.write(body, start, body.length - start);
      out.flush();
      served.countDown();
    } catch (IOException | InterruptedException e) {
      // the client went away or the test ended: nothing to do
    }
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }
}
