package io.restore.kmip.server;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;

/**
 * A KMIP server over mutual TLS (JSSE, TLS 1.2 and 1.3 only). One thread per connection; each
 * connection answers any number of sequential requests. Start with {@link #start}, stop with {@link
 * #close()} (graceful: in-flight requests finish, then connections close). The object store stays
 * the caller's to close.
 */
public final class KmipServer implements AutoCloseable {
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};
  private static final int BACKLOG = 1024;
  private static final long THREAD_KEEP_ALIVE_SECONDS = 2;
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final KmipServerConfig config;
  private final RequestHandler handler;
  private final AuditLog audit;
  private final SSLServerSocket listener;
  private final KmipEndpoint endpoint;
  private final ExecutorService workers;
  private final ScheduledThreadPoolExecutor watchdog;
  private final Thread acceptor;
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Object lock = new Object();
  // Insertion order: the oldest unauthenticated connection is dropped first when the cap is hit.
  private final Set<Connection> handshaking = new LinkedHashSet<>();
  private final Set<Connection> authenticated = new LinkedHashSet<>();

  private KmipServer(KmipServerConfig config, RequestHandler handler) throws IOException {
    this.config = config;
    this.handler = handler;
    this.audit = new AuditLog(config.audit());
    int id = SERVERS.incrementAndGet();
    this.listener =
        (SSLServerSocket)
            config
                .sslContext()
                .getServerSocketFactory()
                .createServerSocket(config.port(), BACKLOG, config.bindAddress());
    try {
      listener.setNeedClientAuth(true);
      listener.setEnabledProtocols(supported(listener.getSupportedProtocols()));
    } catch (RuntimeException e) {
      listener.close();
      throw e;
    }
    this.endpoint = new KmipEndpoint(listener.getInetAddress(), listener.getLocalPort());
    // One thread per connection, as a cached pool would, but a thread ends 2 s after its
    // connection instead of 60 s: besides its stack, each holds the JDK's per-thread I/O buffer
    // cache (a direct buffer as large as its largest read), memory an ended connection should
    // give back (docs/design/reliability.md #5).
    this.workers =
        new ThreadPoolExecutor(
            0,
            Integer.MAX_VALUE,
            THREAD_KEEP_ALIVE_SECONDS,
            TimeUnit.SECONDS,
            new SynchronousQueue<>(),
            daemon("kmip-" + id + "-conn-"));
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("kmip-" + id + "-watchdog-"));
    watchdog.setRemoveOnCancelPolicy(true);
    this.acceptor = daemon("kmip-" + id + "-accept-").newThread(this::acceptLoop);
    acceptor.start();
  }

  /**
   * Binds and starts serving {@code config.store()}.
   *
   * @throws IOException when the address cannot be bound
   */
  public static KmipServer start(KmipServerConfig config) throws IOException {
    return new KmipServer(
        config,
        new Dispatcher(
            config.store(),
            config.clock(),
            config.limits().maxMessageBytes(),
            new AuditLog(config.audit())));
  }

  /** For tests of the transport: any handler in place of the KMIP dispatcher. */
  static KmipServer start(KmipServerConfig config, RequestHandler handler) throws IOException {
    return new KmipServer(config, handler);
  }

  /** The address and port actually bound (port 0 in the config picks a free one). */
  public KmipEndpoint endpoint() {
    return endpoint;
  }

  /** Connections open now, authenticated or still in their handshake. */
  public int openConnections() {
    synchronized (lock) {
      return handshaking.size() + authenticated.size();
    }
  }

  public boolean isRunning() {
    return !closed.get();
  }

  private void acceptLoop() {
    while (!closed.get()) {
      SSLSocket socket;
      try {
        socket = (SSLSocket) listener.accept();
      } catch (IOException e) {
        if (closed.get()) {
          return;
        }
        audit.connection(config.clock().instant(), endpoint, "-", "accept failed: " + e);
        continue;
      }
      admit(socket);
    }
  }

  private void admit(SSLSocket socket) {
    try {
      // TLS handshake flights and replies are small writes: without TCP_NODELAY, Nagle's
      // algorithm meets the client's delayed ACK and each handshake stalls ~40 ms.
      socket.setTcpNoDelay(true);
    } catch (IOException e) {
      // the connection is already gone; the handshake will say so
    }
    Connection connection =
        new Connection(socket, config.limits(), handler, watchdog, config.clock(), this, audit);
    Connection evicted = null;
    boolean refused = false;
    synchronized (lock) {
      if (handshaking.size() + authenticated.size() >= config.limits().maxConnections()) {
        Iterator<Connection> oldest = handshaking.iterator();
        if (oldest.hasNext()) {
          evicted = oldest.next();
          oldest.remove();
        } else {
          refused = true;
        }
      }
      if (!refused) {
        handshaking.add(connection);
      }
    }
    if (evicted != null) {
      evicted.abort();
    }
    if (refused) {
      audit.connection(
          config.clock().instant(),
          socket.getRemoteSocketAddress(),
          "-",
          "refused: connection cap");
      connection.abort();
      return;
    }
    try {
      workers.execute(connection);
    } catch (RejectedExecutionException e) {
      connection.abort();
      removed(connection);
    }
  }

  void authenticated(Connection connection) {
    synchronized (lock) {
      if (handshaking.remove(connection)) {
        authenticated.add(connection);
      }
    }
  }

  void removed(Connection connection) {
    synchronized (lock) {
      handshaking.remove(connection);
      authenticated.remove(connection);
    }
  }

  /**
   * Stops accepting, lets in-flight requests finish (up to the configured grace), then closes every
   * connection. Idempotent; does not close the object store.
   */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try {
      listener.close();
    } catch (IOException e) {
      // closing a listener cannot fail in a way that matters here
    }
    List<Connection> open;
    synchronized (lock) {
      open = new ArrayList<>(handshaking);
      open.addAll(authenticated);
    }
    open.forEach(Connection::stop);
    workers.shutdown();
    boolean interrupted = false;
    try {
      if (!workers.awaitTermination(
          config.limits().stopGrace().toMillis(), TimeUnit.MILLISECONDS)) {
        synchronized (lock) {
          open = new ArrayList<>(handshaking);
          open.addAll(authenticated);
        }
        open.forEach(Connection::abort);
        workers.shutdownNow();
        workers.awaitTermination(1, TimeUnit.SECONDS);
      }
      acceptor.join(1000);
    } catch (InterruptedException e) {
      interrupted = true;
      workers.shutdownNow();
    } finally {
      watchdog.shutdownNow();
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private static String[] supported(String[] available) {
    List<String> avail = Arrays.asList(available);
    String[] chosen = Arrays.stream(PROTOCOLS).filter(avail::contains).toArray(String[]::new);
    if (chosen.length == 0) {
      throw new IllegalStateException("the SSLContext supports neither TLS 1.3 nor TLS 1.2");
    }
    return chosen;
  }

  private static ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    return "KmipServer[" + endpoint.host() + ":" + endpoint.port() + "]";
  }
}
