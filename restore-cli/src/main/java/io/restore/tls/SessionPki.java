package io.restore.tls;

import static java.nio.charset.StandardCharsets.US_ASCII;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import javax.security.auth.DestroyFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The certificates of one session: a fresh CA, a server certificate for the KMIP server (SAN {@code
 * IP:127.0.0.1}, {@code IP:::1}, {@code DNS:localhost}, serverAuth) and a client certificate for
 * mongod (clientAuth), all signed by that CA. The CA's private key is used while creating the two
 * certificates and then dropped: it is never written anywhere and nothing more can be signed.
 *
 * <p>{@link #close()} makes the server and client keys unusable for new handshakes and destroys
 * them where the JDK allows (its EC and RSA keys cannot be wiped; the references are dropped).
 */
public final class SessionPki implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SessionPki.class);

  private final KeyAlgorithm algorithm;
  private final SecureRandom random;
  private final X509Certificate ca;
  private final X509Certificate server;
  private final X509Certificate client;
  private volatile PrivateKey serverKey;
  private volatile PrivateKey clientKey;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SessionPki(
      KeyAlgorithm algorithm,
      SecureRandom random,
      X509Certificate ca,
      X509Certificate server,
      PrivateKey serverKey,
      X509Certificate client,
      PrivateKey clientKey) {
    this.algorithm = algorithm;
    this.random = random;
    this.ca = ca;
    this.server = server;
    this.serverKey = serverKey;
    this.client = client;
    this.clientKey = clientKey;
  }

  /** Creates a fresh CA, server and client certificate as {@code options} say. */
  public static SessionPki create(PkiOptions options) {
    Objects.requireNonNull(options, "options");
    KeyAlgorithm algorithm = options.keyAlgorithm();
    SecureRandom random = options.random();
    Instant now = options.clock().instant();
    byte[] id = new byte[4];
    random.nextBytes(id);
    try {
      CertificateIssuer issuer =
          new CertificateIssuer(
              algorithm,
              random,
              now.minus(options.backdate()),
              now.plus(options.validity()),
              HexFormat.of().formatHex(id));
      KeyPair[] keys = generateKeys(algorithm, random);
      KeyPair caKeys = keys[0];
      KeyPair serverKeys = keys[1];
      KeyPair clientKeys = keys[2];
      X509Certificate ca = issuer.ca(caKeys);
      X509Certificate server = issuer.server(serverKeys.getPublic(), ca, caKeys);
      X509Certificate client = issuer.client(clientKeys.getPublic(), ca, caKeys);
      destroy(caKeys.getPrivate());
      SessionPki pki =
          new SessionPki(
              algorithm,
              random,
              ca,
              server,
              serverKeys.getPrivate(),
              client,
              clientKeys.getPrivate());
      log.debug("created {}", pki);
      return pki;
    } catch (GeneralSecurityException e) {
      throw new RestoreException(
          ExitCode.KMIP,
          "cannot create the session certificates (" + algorithm + "): " + e.getMessage(),
          "This Java runtime lacks a standard algorithm; try --key-algorithm ecdsa or rsa, or"
              + " another Java 17+ runtime.",
          e);
    }
  }

  /**
   * CA, server and client keys. An RSA key takes a random 0.1 to 1 s of prime search, so RSA keys
   * are made on three threads (a real gain on two cores); P-256 keys take a millisecond each.
   */
  private static KeyPair[] generateKeys(KeyAlgorithm algorithm, SecureRandom random)
      throws GeneralSecurityException {
    if (!algorithm.isRsa()) {
      return new KeyPair[] {
        algorithm.generate(random), algorithm.generate(random), algorithm.generate(random)
      };
    }
    List<CompletableFuture<KeyPair>> others = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      others.add(
          CompletableFuture.supplyAsync(
              () -> {
                try {
                  return algorithm.generate(random); // SecureRandom is thread-safe
                } catch (GeneralSecurityException e) {
                  throw new CompletionException(e);
                }
              },
              task -> {
                Thread thread = new Thread(task, "session-pki-keygen");
                thread.setDaemon(true);
                thread.start();
              }));
    }
    KeyPair first = algorithm.generate(random);
    try {
      return new KeyPair[] {first, others.get(0).join(), others.get(1).join()};
    } catch (CompletionException e) {
      if (e.getCause() instanceof GeneralSecurityException cause) {
        throw cause;
      }
      throw e;
    }
  }

  /**
   * For the KMIP server: presents the server certificate (and the CA) and trusts client
   * certificates issued by this session's CA only. Built from memory; no key store file.
   */
  public SSLContext serverContext() {
    return context(new X509Certificate[] {server, ca}, () -> serverKey);
  }

  /**
   * For our own tools and tests: presents the client certificate and trusts server certificates
   * issued by this session's CA only.
   */
  public SSLContext clientContext() {
    return context(new X509Certificate[] {client, ca}, () -> clientKey);
  }

  private SSLContext context(X509Certificate[] chain, Supplier<PrivateKey> key) {
    requireOpen();
    try {
      KeyStore trusted = KeyStore.getInstance("PKCS12");
      trusted.load(null, null);
      trusted.setCertificateEntry("restore-session-ca", ca);
      TrustManagerFactory trust = TrustManagerFactory.getInstance("PKIX");
      trust.init(trusted);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(
          new KeyManager[] {new SessionKeyManager(algorithm.jcaKeyType(), chain, key)},
          trust.getTrustManagers(),
          null); // TLS randomness is the JDK's own, whatever the options inject for key generation
      return context;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(
          "cannot build an SSLContext from the session certificates", e);
    }
  }

  /**
   * Writes {@code kmipCA.pem} and {@code kmipClient.pem} into {@code dir}; refuses to overwrite.
   */
  public ClientFiles writeClientFiles(Path dir, Optional<char[]> clientKeyPassword) {
    return writeClientFiles(dir, clientKeyPassword, ExistingFiles.REFUSE);
  }

  /**
   * Writes {@code <dir>/kmipCA.pem} (the CA certificate) and {@code <dir>/kmipClient.pem} (the
   * client certificate followed by its PKCS#8 private key: unencrypted, or encrypted with {@code
   * clientKeyPassword} as PBES2 AES-256-CBC / PBKDF2-HMAC-SHA256). Both files are 0600 from their
   * creation; a missing {@code dir} is created 0700. Either both files are written or neither.
   *
   * @throws RestoreException if a file exists and {@code existing} is {@code REFUSE}, or on I/O
   *     errors
   */
  public ClientFiles writeClientFiles(
      Path dir, Optional<char[]> clientKeyPassword, ExistingFiles existing) {
    Objects.requireNonNull(dir, "dir");
    Objects.requireNonNull(clientKeyPassword, "clientKeyPassword");
    Objects.requireNonNull(existing, "existing");
    requireOpen();
    if (clientKeyPassword.isPresent() && clientKeyPassword.get().length == 0) {
      throw new RestoreException(
          ExitCode.USAGE,
          "the client key password (--client-key-password) is empty",
          "Give a non-empty password, or leave the option out for an unencrypted key.");
    }
    Path caFile = dir.resolve(ClientFiles.CA_FILE_NAME);
    Path clientFile = dir.resolve(ClientFiles.CLIENT_FILE_NAME);
    OwnerOnlyFiles.prepareDirectory(dir);
    byte[] clientPem = clientPem(clientKeyPassword);
    OwnerOnlyFiles.Identity caKey = null;
    try {
      if (existing == ExistingFiles.REPLACE) {
        Files.deleteIfExists(caFile);
        Files.deleteIfExists(clientFile);
      } else {
        OwnerOnlyFiles.requireAbsent(caFile);
        OwnerOnlyFiles.requireAbsent(clientFile);
      }
      caKey = OwnerOnlyFiles.createNew(caFile, Pem.certificate(ca).getBytes(US_ASCII));
      OwnerOnlyFiles.Identity clientKeyId = OwnerOnlyFiles.createNew(clientFile, clientPem);
      return new ClientFiles(caFile, caKey, clientFile, clientKeyId, clientKeyPassword.isPresent());
    } catch (FileAlreadyExistsException e) {
      removeHalfWritten(caFile, caKey);
      throw new RestoreException(
          ExitCode.SESSION_CONFLICT,
          e.getFile() + " already exists (left by another session or tool?)",
          "If nothing uses it, delete it; or write this session's certificates elsewhere with"
              + " --cert-dir.",
          e);
    } catch (IOException e) {
      removeHalfWritten(caFile, caKey);
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot write the session certificates into " + dir + ": " + e,
          "Check that the directory is writable and has free space, or choose another with"
              + " --cert-dir.",
          e);
    } finally {
      Arrays.fill(clientPem, (byte) 0);
    }
  }

  private static void removeHalfWritten(Path caFile, OwnerOnlyFiles.Identity caKey) {
    if (caKey == null) {
      return;
    }
    try {
      if (caKey.equals(OwnerOnlyFiles.identity(caFile))) {
        Files.deleteIfExists(caFile);
      }
    } catch (IOException e) {
      log.warn("could not remove the half-written {}: {}", caFile, e.toString());
    }
  }

  private byte[] clientPem(Optional<char[]> password) {
    byte[] certificate = Pem.certificate(client).getBytes(US_ASCII);
    byte[] key = clientKeyPem(password);
    byte[] pem = new byte[certificate.length + key.length];
    System.arraycopy(certificate, 0, pem, 0, certificate.length);
    System.arraycopy(key, 0, pem, certificate.length, key.length);
    Arrays.fill(key, (byte) 0);
    return pem;
  }

  private byte[] clientKeyPem(Optional<char[]> password) {
    PrivateKey key = clientKey;
    if (key == null) {
      throw closedError();
    }
    if (password.isEmpty()) {
      byte[] der = key.getEncoded(); // PKCS#8 PrivateKeyInfo (RFC 5208)
      try {
        return Pem.encode(Pem.PRIVATE_KEY, der);
      } finally {
        Arrays.fill(der, (byte) 0);
      }
    }
    try {
      byte[] der = EncryptedKeys.encrypt(key, password.get(), random);
      return Pem.encode(Pem.ENCRYPTED_PRIVATE_KEY, der);
    } catch (GeneralSecurityException e) {
      throw new RestoreException(
          ExitCode.FAILURE,
          "cannot encrypt the client key with the --client-key-password: " + e.getMessage(),
          "Leave out --client-key-password, or try another Java runtime.",
          e);
    }
  }

  public KeyAlgorithm keyAlgorithm() {
    return algorithm;
  }

  /** The session CA's certificate (what mongod's --kmipServerCAFile holds). */
  public X509Certificate caCertificate() {
    return ca;
  }

  /** {@link #caCertificate()} as PEM text. */
  public String caCertificatePem() {
    return Pem.certificate(ca);
  }

  public X509Certificate serverCertificate() {
    return server;
  }

  public X509Certificate clientCertificate() {
    return client;
  }

  public Instant notBefore() {
    return ca.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return ca.getNotAfter().toInstant();
  }

  public boolean isClosed() {
    return closed.get();
  }

  /**
   * Drops the server and client keys: SSLContexts made earlier can no longer complete a handshake,
   * and no more files can be written. Idempotent.
   */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      PrivateKey s = serverKey;
      PrivateKey c = clientKey;
      serverKey = null;
      clientKey = null;
      destroy(s);
      destroy(c);
      log.debug("closed the session PKI (CA {})", Fingerprints.sha256(ca));
    }
  }

  private static void destroy(PrivateKey key) {
    if (key == null || key.isDestroyed()) {
      return;
    }
    try {
      key.destroy();
    } catch (DestroyFailedException e) {
      // The JDK's EC and RSA private keys do not implement destroy(); dropping them is all we can
      // do.
    }
  }

  private void requireOpen() {
    if (closed.get()) {
      throw closedError();
    }
  }

  private static IllegalStateException closedError() {
    return new IllegalStateException("the session PKI is closed");
  }

  @Override
  public String toString() {
    return "SessionPki["
        + algorithm
        + ", CA sha256 "
        + Fingerprints.sha256(ca)
        + ", valid "
        + notBefore()
        + " to "
        + notAfter()
        + (closed.get() ? ", closed" : "")
        + "]";
  }
}
