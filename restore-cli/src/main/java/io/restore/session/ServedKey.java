package io.restore.session;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kmip.object.InMemoryObjectStore;
import io.restore.kmip.server.KmipEndpoint;
import io.restore.kmip.server.KmipServer;
import io.restore.kmip.server.KmipServerConfig;
import io.restore.kms.MasterKey;
import io.restore.snapshot.UntrustedFile;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Map;
import javax.net.ssl.SSLContext;

/**
 * Step 4 of the flow: our KMIP server serving the snapshot's Active AES-256 key under its key id
 * (one per component for a sharded cluster) (docs/design/mongod-kmip.md). Closing stops the server
 * first (in-flight requests finish), then zeroes the store's copy of the key.
 */
public final class ServedKey implements AutoCloseable {
  private final KmipServer server;
  private final InMemoryObjectStore store;

  private ServedKey(KmipServer server, InMemoryObjectStore store) {
    this.server = server;
    this.store = store;
  }

  /**
   * Starts the server.
   *
   * @param portFlag the flag that chose {@code port}, named in the error when it is taken
   */
  public static ServedKey start(
      String keyId,
      MasterKey key,
      SSLContext serverContext,
      InetAddress bind,
      int port,
      String portFlag) {
    return start(Map.of(keyId, key), serverContext, bind, port, portFlag);
  }

  /**
   * Starts one server for several keys, each an Active AES-256 key under its own id: a sharded
   * cluster's components each have theirs, and each mongod asks for its own
   * (docs/design/sharding.md, "One session for a cluster").
   */
  public static ServedKey start(
      Map<String, MasterKey> keys,
      SSLContext serverContext,
      InetAddress bind,
      int port,
      String portFlag) {
    InMemoryObjectStore store = new InMemoryObjectStore();
    for (Map.Entry<String, MasterKey> e : keys.entrySet()) {
      byte[] bytes = e.getValue().copyBytes();
      try {
        store.preloadActiveKey(e.getKey(), bytes);
      } finally {
        Arrays.fill(bytes, (byte) 0);
      }
    }
    try {
      KmipServerConfig config =
          KmipServerConfig.loopback(serverContext, store)
              .withBindAddress(bind)
              .withPort(port)
              .withAudit(new KmipAuditLog());
      return new ServedKey(KmipServer.start(config), store);
    } catch (BindException e) {
      store.close();
      throw new RestoreException(
          ExitCode.PORT_IN_USE,
          "the KMIP server cannot listen on "
              + bind.getHostAddress()
              + ":"
              + port
              + " ("
              + portFlag
              + "): "
              + e.getMessage(),
          "choose another port with " + portFlag + ", or leave it out to use any free port",
          e);
    } catch (IOException e) {
      store.close();
      throw new RestoreException(
          ExitCode.KMIP,
          "the KMIP server could not start on "
              + bind.getHostAddress()
              + ":"
              + port
              + ": "
              + UntrustedFile.reason(e),
          "check the address given with --bind-ip, or report this with the message above",
          e);
    }
  }

  public KmipEndpoint endpoint() {
    return server.endpoint();
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      store.close();
    }
  }
}
