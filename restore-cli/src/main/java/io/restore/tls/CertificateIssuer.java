package io.restore.tls;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;

/**
 * Issues the three certificates of a session with Bouncy Castle's builders. Keys and signatures
 * come from the JDK's own providers; Bouncy Castle is not registered as a provider.
 */
final class CertificateIssuer {
  /**
   * The names mongod may be told to dial (--kmipServerName); mongod checks them against the SAN.
   */
  static final String[] SERVER_IP_NAMES = {"127.0.0.1", "::1"};

  static final String SERVER_DNS_NAME = "localhost";

  private final KeyAlgorithm algorithm;
  private final SecureRandom random;
  private final Date notBefore;
  private final Date notAfter;
  private final String sessionId;

  CertificateIssuer(
      KeyAlgorithm algorithm,
      SecureRandom random,
      Instant notBefore,
      Instant notAfter,
      String sessionId)
      throws GeneralSecurityException {
    this.algorithm = algorithm;
    this.random = random;
    // X.509 times have whole seconds (RFC 5280 §4.1.2.5); truncate so what we report is exact.
    this.notBefore = Date.from(notBefore.truncatedTo(ChronoUnit.SECONDS));
    this.notAfter = Date.from(notAfter.truncatedTo(ChronoUnit.SECONDS));
    this.sessionId = sessionId;
  }

  X509Certificate ca(KeyPair caKeys) throws GeneralSecurityException {
    X500Name name = name("restore session CA " + sessionId);
    X509v3CertificateBuilder builder = builder(name, name, caKeys.getPublic());
    try {
      // pathLen 0: this CA signs only end-entity certificates (RFC 5280 §4.2.1.9).
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
      builder.addExtension(
          Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign));
      builder.addExtension(
          Extension.subjectKeyIdentifier,
          false,
          new SubjectKeyIdentifier(keyIdentifier(caKeys.getPublic())));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode CA extensions", e);
    }
    return sign(builder, caKeys);
  }

  X509Certificate server(PublicKey serverKey, X509Certificate ca, KeyPair caKeys)
      throws GeneralSecurityException {
    X509v3CertificateBuilder builder =
        leaf("restore KMIP server " + sessionId, serverKey, ca, KeyPurposeId.id_kp_serverAuth);
    GeneralName[] names = new GeneralName[SERVER_IP_NAMES.length + 1];
    for (int i = 0; i < SERVER_IP_NAMES.length; i++) {
      names[i] = new GeneralName(GeneralName.iPAddress, SERVER_IP_NAMES[i]);
    }
    names[SERVER_IP_NAMES.length] = new GeneralName(GeneralName.dNSName, SERVER_DNS_NAME);
    try {
      builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode the server's subject alternative names", e);
    }
    return sign(builder, caKeys);
  }

  X509Certificate client(PublicKey clientKey, X509Certificate ca, KeyPair caKeys)
      throws GeneralSecurityException {
    return sign(
        leaf("restore mongod client " + sessionId, clientKey, ca, KeyPurposeId.id_kp_clientAuth),
        caKeys);
  }

  private X509v3CertificateBuilder leaf(
      String commonName, PublicKey key, X509Certificate ca, KeyPurposeId purpose)
      throws GeneralSecurityException {
    X509v3CertificateBuilder builder =
        new JcaX509v3CertificateBuilder(ca, serial(), notBefore, notAfter, name(commonName), key);
    // TLS 1.2 RSA key exchange needs keyEncipherment on an RSA server key (RFC 5246 §7.4.2);
    // everything else only signs.
    int usage =
        algorithm.isRsa() && purpose == KeyPurposeId.id_kp_serverAuth
            ? KeyUsage.digitalSignature | KeyUsage.keyEncipherment
            : KeyUsage.digitalSignature;
    try {
      builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
      builder.addExtension(Extension.keyUsage, true, new KeyUsage(usage));
      builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
      builder.addExtension(
          Extension.subjectKeyIdentifier, false, new SubjectKeyIdentifier(keyIdentifier(key)));
      builder.addExtension(
          Extension.authorityKeyIdentifier,
          false,
          new AuthorityKeyIdentifier(keyIdentifier(ca.getPublicKey())));
    } catch (CertIOException e) {
      throw new GeneralSecurityException("cannot encode certificate extensions", e);
    }
    return builder;
  }

  private X509v3CertificateBuilder builder(X500Name issuer, X500Name subject, PublicKey key) {
    return new JcaX509v3CertificateBuilder(issuer, serial(), notBefore, notAfter, subject, key);
  }

  private X509Certificate sign(X509v3CertificateBuilder builder, KeyPair caKeys)
      throws GeneralSecurityException {
    ContentSigner signer = new JdkContentSigner(algorithm, caKeys.getPrivate(), random);
    return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
  }

  /** Positive, unpredictable, at most 17 octets (RFC 5280 §4.1.2.2 allows 20). */
  private BigInteger serial() {
    return new BigInteger(128, random).add(BigInteger.ONE);
  }

  /**
   * RFC 5280 §4.2.1.2 method (1): SHA-1 of the subjectPublicKey bits, what OpenSSL and Bouncy
   * Castle's {@code JcaX509ExtensionUtils} compute (done here to skip that class's set-up).
   */
  private static byte[] keyIdentifier(PublicKey key) throws GeneralSecurityException {
    byte[] bits = SubjectPublicKeyInfo.getInstance(key.getEncoded()).getPublicKeyData().getBytes();
    return MessageDigest.getInstance("SHA-1").digest(bits);
  }

  private static X500Name name(String commonName) {
    return new X500NameBuilder(BCStyle.INSTANCE)
        .addRDN(BCStyle.O, "restore")
        .addRDN(BCStyle.CN, commonName)
        .build();
  }
}
