package io.restore.kmip.server;

import io.restore.kmip.object.ObjectStore;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * What a {@link KmipServer} needs: the TLS context (server key, certificate and the trust its
 * clients must chain to), where to listen, the objects to serve and the limits.
 *
 * @param sslContext built by the caller (the product from its session PKI); its trust managers
 *     decide which client certificates chain to the configured CA
 * @param bindAddress loopback by default (docs/design/reliability.md #5)
 * @param port 0 for any free port; {@link KmipServer#endpoint()} reports the bound one
 * @param audit receives one event per operation and per connection-level event; none by default
 */
public record KmipServerConfig(
    SSLContext sslContext,
    InetAddress bindAddress,
    int port,
    ObjectStore store,
    Limits limits,
    Clock clock,
    KmipAuditListener audit) {

  public KmipServerConfig {
    Objects.requireNonNull(sslContext, "sslContext");
    Objects.requireNonNull(bindAddress, "bindAddress");
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(audit, "audit");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port " + port + " is outside 0..65535");
    }
  }

  /** 127.0.0.1, any free port, default limits, the system clock, no audit listener. */
  public static KmipServerConfig loopback(SSLContext sslContext, ObjectStore store) {
    return new KmipServerConfig(
        sslContext,
        InetAddress.getLoopbackAddress(),
        0,
        store,
        Limits.defaults(),
        Clock.systemUTC(),
        KmipAuditListener.none());
  }

  public KmipServerConfig withPort(int newPort) {
    return new KmipServerConfig(sslContext, bindAddress, newPort, store, limits, clock, audit);
  }

  public KmipServerConfig withBindAddress(InetAddress address) {
    return new KmipServerConfig(sslContext, address, port, store, limits, clock, audit);
  }

  public KmipServerConfig withLimits(Limits newLimits) {
    return new KmipServerConfig(sslContext, bindAddress, port, store, newLimits, clock, audit);
  }

  public KmipServerConfig withClock(Clock newClock) {
    return new KmipServerConfig(sslContext, bindAddress, port, store, limits, newClock, audit);
  }

  public KmipServerConfig withAudit(KmipAuditListener listener) {
    return new KmipServerConfig(sslContext, bindAddress, port, store, limits, clock, listener);
  }

  /**
   * Resource limits (docs/design/reliability.md #1, #5).
   *
   * @param maxMessageBytes largest request body accepted; checked before allocating (mongod's
   *     messages are under 1 KiB)
   * @param maxConnections open connections at once; past it the oldest connection still in its TLS
   *     handshake is dropped, so floods cannot lock out authenticated clients
   * @param handshakeTimeout time for a TLS handshake to complete
   * @param idleTimeout time a connection may wait between requests; mongod holds one connection for
   *     a whole key acquisition, so never seconds (docs/design/mongod-kmip.md)
   * @param messageTimeout time for a request to arrive in full once its first byte came
   * @param stopGrace how long {@link KmipServer#close()} lets in-flight requests finish
   */
  public record Limits(
      int maxMessageBytes,
      int maxConnections,
      Duration handshakeTimeout,
      Duration idleTimeout,
      Duration messageTimeout,
      Duration stopGrace) {

    public Limits {
      if (maxMessageBytes < 64) {
        throw new IllegalArgumentException("maxMessageBytes " + maxMessageBytes + " < 64");
      }
      if (maxConnections < 1) {
        throw new IllegalArgumentException("maxConnections " + maxConnections + " < 1");
      }
      for (Duration d : new Duration[] {handshakeTimeout, idleTimeout, messageTimeout, stopGrace}) {
        if (d == null || d.isNegative() || d.isZero()) {
          throw new IllegalArgumentException("timeouts must be positive");
        }
      }
    }

    /** 1 MiB messages, 512 connections, 10 s handshake, 15 min idle, 30 s message, 5 s grace. */
    public static Limits defaults() {
      return new Limits(
          1 << 20,
          512,
          Duration.ofSeconds(10),
          Duration.ofMinutes(15),
          Duration.ofSeconds(30),
          Duration.ofSeconds(5));
    }

    public Limits withMaxMessageBytes(int v) {
      return new Limits(
          v, maxConnections, handshakeTimeout, idleTimeout, messageTimeout, stopGrace);
    }

    public Limits withMaxConnections(int v) {
      return new Limits(
          maxMessageBytes, v, handshakeTimeout, idleTimeout, messageTimeout, stopGrace);
    }

    public Limits withHandshakeTimeout(Duration v) {
      return new Limits(maxMessageBytes, maxConnections, v, idleTimeout, messageTimeout, stopGrace);
    }

    public Limits withIdleTimeout(Duration v) {
      return new Limits(
          maxMessageBytes, maxConnections, handshakeTimeout, v, messageTimeout, stopGrace);
    }

    public Limits withMessageTimeout(Duration v) {
      return new Limits(
          maxMessageBytes, maxConnections, handshakeTimeout, idleTimeout, v, stopGrace);
    }

    public Limits withStopGrace(Duration v) {
      return new Limits(
          maxMessageBytes, maxConnections, handshakeTimeout, idleTimeout, messageTimeout, v);
    }
  }
}
