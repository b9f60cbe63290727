package io.restore.testkit.net;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A test double for a service that accepts connections on 127.0.0.1 and never answers (a hung KMS,
 * a firewall that drops replies): what a client's timeout must handle. Connections stay open until
 * {@link #close()}.
 */
public final class SilentServer implements AutoCloseable {
  private final ServerSocket server;
  private final List<Socket> accepted = new CopyOnWriteArrayList<>();
  private final Thread acceptor;

  private SilentServer(ServerSocket server) {
    this.server = server;
    this.acceptor = new Thread(this::acceptForever, "silent-server");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  public static SilentServer start() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new SilentServer(s);
  }

  public int port() {
    return server.getLocalPort();
  }

  /** {@code <scheme>://127.0.0.1:<port>}. */
  public URI uri(String scheme) {
    return URI.create(scheme + "://127.0.0.1:" + port());
  }

  private void acceptForever() {
    while (!server.isClosed()) {
      try {
        accepted.add(server.accept());
      } catch (IOException e) {
        return; // closed
      }
    }
  }

  @Override
  public void close() {
    try {
      server.close();
    } catch (IOException ignored) {
      // closing a listening socket does not fail in a way a test can act on
    }
    for (Socket s : accepted) {
      try {
        s.close();
      } catch (IOException ignored) {
        // as above
      }
    }
  }
}
