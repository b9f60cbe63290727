package io.restore.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8DecryptorProviderBuilder;
import org.bouncycastle.pkcs.PKCS8EncryptedPrivateKeyInfo;

/**
 * Real TLS on loopback for tests: a one-connection server requiring a client certificate, a client
 * with HTTPS-style host-name verification, and client contexts built only from the PEM files, read
 * the way mongod reads them.
 */
final class LoopbackTls {
  private static final int TIMEOUT_MS = 10_000;
  static final int GREETING = 42;

  private LoopbackTls() {}

  /** Accepts one connection, completes the handshake and greets; completes with the client cert. */
  static final class Server implements AutoCloseable {
    private final SSLServerSocket socket;
    private final CompletableFuture<X509Certificate> clientCertificate = new CompletableFuture<>();

    Server(SSLContext context, InetAddress bind) throws IOException {
      socket = (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1, bind);
      socket.setNeedClientAuth(true);
      socket.setSoTimeout(TIMEOUT_MS);
      Thread thread = new Thread(this::serveOne, "loopback-tls-server");
      thread.setDaemon(true);
      thread.start();
    }

    private void serveOne() {
      try (SSLSocket connection = (SSLSocket) socket.accept()) {
        connection.setSoTimeout(TIMEOUT_MS);
        connection.startHandshake();
        Certificate[] peer = connection.getSession().getPeerCertificates();
        connection.getOutputStream().write(GREETING);
        connection.getOutputStream().flush();
        connection.getInputStream().read(); // until the client closes
        clientCertificate.complete((X509Certificate) peer[0]);
      } catch (Exception e) {
        clientCertificate.completeExceptionally(e);
      }
    }

    int port() {
      return socket.getLocalPort();
    }

    /** The client certificate the server accepted, or the server-side handshake failure. */
    X509Certificate awaitClientCertificate() throws Exception {
      try {
        return clientCertificate.get(TIMEOUT_MS, TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw (Exception) e.getCause();
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }

  /**
   * Connects to {@code 127.0.0.1:port}-style {@code host}, verifies the server's name like an HTTPS
   * client, and reads the greeting (which also proves the server accepted our certificate).
   */
  static void connect(SSLContext context, String host, int port) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(host, port)) {
      greet(socket);
    }
  }

  /** Connects to {@code address:port} but verifies the server's certificate for {@code name}. */
  static void connectExpecting(SSLContext context, InetAddress address, int port, String name)
      throws IOException {
    Socket plain = new Socket();
    plain.connect(new InetSocketAddress(address, port), TIMEOUT_MS);
    try (SSLSocket socket =
        (SSLSocket) context.getSocketFactory().createSocket(plain, name, port, true)) {
      greet(socket);
    }
  }

  private static void greet(SSLSocket socket) throws IOException {
    SSLParameters parameters = socket.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS"); // RFC 2818 §3.1 host-name check
    socket.setSSLParameters(parameters);
    socket.setSoTimeout(TIMEOUT_MS);
    socket.startHandshake();
    InputStream in = socket.getInputStream();
    int greeting = in.read();
    if (greeting != GREETING) {
      throw new IOException("no greeting from the server (read " + greeting + ")");
    }
  }

  /** The client certificate and private key from one PEM file, as mongod reads it. */
  record ClientPem(X509Certificate certificate, PrivateKey key) {}

  static ClientPem readClientPem(Path file, Optional<char[]> password) throws Exception {
    X509Certificate certificate = null;
    PrivateKey key = null;
    try (Reader reader = Files.newBufferedReader(file);
        PEMParser parser = new PEMParser(reader)) {
      for (Object item = parser.readObject(); item != null; item = parser.readObject()) {
        if (item instanceof X509CertificateHolder holder && certificate == null) {
          certificate = new JcaX509CertificateConverter().getCertificate(holder);
        } else if (item instanceof PrivateKeyInfo info) {
          key = new JcaPEMKeyConverter().getPrivateKey(info);
        } else if (item instanceof PKCS8EncryptedPrivateKeyInfo encrypted) {
          PrivateKeyInfo info =
              encrypted.decryptPrivateKeyInfo(
                  new JceOpenSSLPKCS8DecryptorProviderBuilder()
                      .setProvider(new BouncyCastleProvider())
                      .build(password.orElseThrow()));
          key = new JcaPEMKeyConverter().getPrivateKey(info);
        } else {
          throw new IllegalStateException("unexpected PEM object " + item.getClass());
        }
      }
    }
    if (certificate == null || key == null) {
      throw new IllegalStateException(file + " lacks a certificate or a key");
    }
    return new ClientPem(certificate, key);
  }

  static List<X509Certificate> readCertificates(Path file) throws Exception {
    try (InputStream in = Files.newInputStream(file)) {
      List<X509Certificate> certificates = new ArrayList<>();
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        certificates.add((X509Certificate) c);
      }
      return certificates;
    }
  }

  /**
   * A client context from the written files only: key+cert from one file, trust from the CA file.
   */
  static SSLContext clientContextFromFiles(ClientFiles files, Optional<char[]> password)
      throws Exception {
    KeyStore trusted = KeyStore.getInstance("PKCS12");
    trusted.load(null, null);
    int i = 0;
    for (X509Certificate ca : readCertificates(files.caFile())) {
      trusted.setCertificateEntry("ca" + i++, ca);
    }
    TrustManagerFactory trust =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    return clientContext(readClientPem(files.clientFile(), password), trust.getTrustManagers());
  }

  static SSLContext clientContext(ClientPem pem, TrustManager[] trustManagers) throws Exception {
    char[] storePassword = "in-memory".toCharArray();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    keys.load(null, null);
    keys.setKeyEntry("client", pem.key(), storePassword, new Certificate[] {pem.certificate()});
    KeyManagerFactory keyManagers =
        KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    keyManagers.init(keys, storePassword);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(keyManagers.getKeyManagers(), trustManagers, null);
    return context;
  }

  /** Trusts any server: lets a test reach the server's own check of the client certificate. */
  static TrustManager[] trustingAnyServer() {
    return new TrustManager[] {
      new X509TrustManager() {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {}

        @Override
        public X509Certificate[] getAcceptedIssuers() {
          return new X509Certificate[0];
        }
      }
    };
  }
}
