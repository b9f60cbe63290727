package io.restore.kmip.server;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for tests, made with Bouncy Castle: a CA, a server certificate for 127.0.0.1, ::1
 * and localhost, and client certificates good and bad (other CA, expired, no clientAuth usage). The
 * product builds its own PKI; this one only feeds SSLContexts to the server under test.
 */
public final class TestPki {
  private static final AtomicLong SERIAL = new AtomicLong(System.nanoTime());
  private static final char[] PASSWORD = "test".toCharArray();

  /** A certificate with its private key and the chain up to (excluding) the root. */
  public record Issued(X509Certificate certificate, PrivateKey key) {}

  private final String name;
  private final KeyPair caKeys;
  private final X509Certificate ca;

  private TestPki(String name) {
    this.name = name;
    this.caKeys = keyPair("RSA");
    Instant now = Instant.now();
    this.ca =
        sign(
            new X500Name("CN=" + name + " test CA"),
            caKeys,
            new X500Name("CN=" + name + " test CA"),
            caKeys.getPublic(),
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(2)),
            true,
            null,
            false);
  }

  /** A fresh CA. */
  public static TestPki create(String name) {
    return new TestPki(name);
  }

  public X509Certificate caCertificate() {
    return ca;
  }

  /** A server certificate with SANs IP:127.0.0.1, IP:::1, DNS:localhost and serverAuth. */
  public Issued server() {
    KeyPair kp = keyPair("EC");
    Instant now = Instant.now();
    return new Issued(
        sign(
            new X500Name("CN=" + name + " test CA"),
            caKeys,
            new X500Name("CN=localhost"),
            kp.getPublic(),
            now.minus(Duration.ofHours(1)),
            now.plus(Duration.ofDays(1)),
            false,
            KeyPurposeId.id_kp_serverAuth,
            true),
        kp.getPrivate());
  }

  /** A client certificate with the clientAuth extended key usage, valid now. */
  public Issued client() {
    Instant now = Instant.now();
    return client(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), true);
  }

  /** A client certificate that expired yesterday. */
  public Issued expiredClient() {
    Instant now = Instant.now();
    return client(now.minus(Duration.ofDays(3)), now.minus(Duration.ofDays(1)), true);
  }

  /** A client certificate without any extended key usage. */
  public Issued clientWithoutClientAuth() {
    Instant now = Instant.now();
    return client(now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(1)), false);
  }

  private Issued client(Instant from, Instant to, boolean clientAuth) {
    KeyPair kp = keyPair("EC");
    return new Issued(
        sign(
            new X500Name("CN=" + name + " test CA"),
            caKeys,
            new X500Name("CN=kmip-client"),
            kp.getPublic(),
            from,
            to,
            false,
            clientAuth ? KeyPurposeId.id_kp_clientAuth : null,
            false),
        kp.getPrivate());
  }

  /** The server's context: its certificate, trusting this CA for clients. */
  public SSLContext serverContext() {
    return context(server(), ca);
  }

  /**
   * A client context presenting {@code identity} (may be null: no certificate), trusting {@code
   * trust}.
   */
  public static SSLContext context(Issued identity, X509Certificate trust) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      KeyManagerFactory kmf = null;
      if (identity != null) {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry(
            "key", identity.key(), PASSWORD, new X509Certificate[] {identity.certificate()});
        kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, PASSWORD);
      }
      KeyStore ts = KeyStore.getInstance("PKCS12");
      ts.load(null, null);
      ts.setCertificateEntry("ca", trust);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ts);
      ctx.init(
          kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), new SecureRandom());
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A client context with a fresh good client certificate of this CA. */
  public SSLContext clientContext() {
    return context(client(), ca);
  }

  /** PEM text of a certificate. */
  public static String pem(Object certificateOrKey) {
    StringWriter out = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(out)) {
      w.writeObject(certificateOrKey);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString();
  }

  /** Writes ca.pem, &lt;prefix&gt;-cert.pem and &lt;prefix&gt;-key.pem (PKCS#8) into dir. */
  public void writePem(Path dir, String prefix, Issued issued) throws IOException {
    Files.writeString(dir.resolve("ca.pem"), pem(ca));
    Files.writeString(dir.resolve(prefix + "-cert.pem"), pem(issued.certificate()));
    Files.writeString(
        dir.resolve(prefix + "-key.pem"),
        pem(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(issued.key(), null).generate()));
  }

  private static KeyPair keyPair(String algorithm) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
      if (algorithm.equals("EC")) {
        g.initialize(new ECGenParameterSpec("secp256r1"));
      } else {
        g.initialize(2048);
      }
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static X509Certificate sign(
      X500Name issuer,
      KeyPair issuerKeys,
      X500Name subject,
      java.security.PublicKey subjectKey,
      Instant from,
      Instant to,
      boolean isCa,
      KeyPurposeId purpose,
      boolean serverNames) {
    try {
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
              issuer,
              BigInteger.valueOf(SERIAL.incrementAndGet()),
              Date.from(from),
              Date.from(to),
              subject,
              subjectKey);
      b.addExtension(Extension.basicConstraints, true, new BasicConstraints(isCa));
      if (isCa) {
        b.addExtension(
            Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      } else {
        b.addExtension(
            Extension.keyUsage,
            true,
            new KeyUsage(
                KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyAgreement));
      }
      if (purpose != null) {
        b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      }
      if (serverNames) {
        b.addExtension(
            Extension.subjectAlternativeName,
            false,
            new GeneralNames(
                new GeneralName[] {
                  new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                  new GeneralName(GeneralName.iPAddress, "::1"),
                  new GeneralName(GeneralName.dNSName, "localhost")
                }));
      }
      String alg =
          issuerKeys.getPrivate().getAlgorithm().equals("EC") ? "SHA256withECDSA" : "SHA256withRSA";
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder(alg).build(issuerKeys.getPrivate())));
    } catch (Exception e) {
      throw new IllegalStateException("cannot issue a test certificate", e);
    }
  }

  static InetAddress loopback() {
    return InetAddress.getLoopbackAddress();
  }
}
