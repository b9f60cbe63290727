package io.restore.testkit.mongod;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.openssl.PKCS8Generator;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.openssl.jcajce.JceOpenSSLPKCS8EncryptorBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Certificates for KMIP tests, written as PEM into a folder: {@code ca.pem}, {@code server.pem} +
 * {@code server.key} (SANs as given), {@code client.pem} + {@code client.key} (clientAuth), and
 * mongod's single-file forms {@code client-combined.pem} and {@code client-encrypted.pem} (password
 * {@link #PASSWORD}).
 */
final class TestPki {
  static final String PASSWORD = "s3cret pass";

  private TestPki() {}

  static void write(Path dir, GeneralName... serverSans) throws Exception {
    KeyPair ca = ecKey();
    X500Name caName = new X500Name("CN=restore test CA");
    X509Certificate caCert =
        sign(
            caName,
            caName,
            ca,
            ca.getPrivate(),
            b -> {
              b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
            });
    KeyPair server = ecKey();
    X509Certificate serverCert =
        sign(
            new X500Name("CN=kmip server"),
            caName,
            server,
            ca.getPrivate(),
            b -> {
              b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(serverSans));
              b.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth));
            });
    KeyPair client = ecKey();
    X509Certificate clientCert =
        sign(
            new X500Name("CN=mongod"),
            caName,
            client,
            ca.getPrivate(),
            b -> {
              b.addExtension(
                  Extension.extendedKeyUsage,
                  false,
                  new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
            });
    Files.writeString(dir.resolve("ca.pem"), pem(caCert));
    Files.writeString(dir.resolve("server.pem"), pem(serverCert));
    Files.writeString(dir.resolve("server.key"), pkcs8(server.getPrivate(), false));
    Files.writeString(dir.resolve("client.pem"), pem(clientCert));
    Files.writeString(dir.resolve("client.key"), pkcs8(client.getPrivate(), false));
    Files.writeString(
        dir.resolve("client-combined.pem"), pem(clientCert) + pkcs8(client.getPrivate(), false));
    Files.writeString(
        dir.resolve("client-encrypted.pem"), pem(clientCert) + pkcs8(client.getPrivate(), true));
  }

  private interface Extensions {
    void add(JcaX509v3CertificateBuilder b) throws Exception;
  }

  private static KeyPair ecKey() throws Exception {
    KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
    g.initialize(new ECGenParameterSpec("secp256r1"));
    return g.generateKeyPair();
  }

  private static X509Certificate sign(
      X500Name subject, X500Name issuer, KeyPair subjectKey, PrivateKey issuerKey, Extensions ext)
      throws Exception {
    Instant now = Instant.now();
    JcaX509v3CertificateBuilder b =
        new JcaX509v3CertificateBuilder(
            issuer,
            BigInteger.valueOf(now.toEpochMilli())
                .add(BigInteger.valueOf(subject.hashCode() & 0xFFFF)),
            Date.from(now.minus(1, ChronoUnit.HOURS)),
            Date.from(now.plus(1, ChronoUnit.DAYS)),
            subject,
            subjectKey.getPublic());
    ext.add(b);
    return new JcaX509CertificateConverter()
        .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
  }

  private static String pem(Object o) throws Exception {
    StringWriter s = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(s)) {
      w.writeObject(o);
    }
    return s.toString();
  }

  private static String pkcs8(PrivateKey key, boolean encrypted) throws Exception {
    if (!encrypted) {
      return pem(new JcaPKCS8Generator(key, null));
    }
    var encryptor =
        new JceOpenSSLPKCS8EncryptorBuilder(PKCS8Generator.AES_256_CBC)
            .setPRF(PKCS8Generator.PRF_HMACSHA256)
            .setProvider(new BouncyCastleProvider())
            .setPassword(PASSWORD.toCharArray())
            .build();
    return pem(new JcaPKCS8Generator(key, encryptor));
  }
}
