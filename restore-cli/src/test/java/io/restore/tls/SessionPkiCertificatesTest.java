package io.restore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.security.KeyStore;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SessionPkiCertificatesTest {
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1"; // RFC 5280 §4.2.1.12
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final Instant NOW = Instant.parse("2030-01-15T12:00:00Z");

  /** RSA-3072 key generation is slow: one session per algorithm for the whole class. */
  private static final Map<KeyAlgorithm, SessionPki> SESSIONS = new EnumMap<>(KeyAlgorithm.class);

  private static SessionPki pki(KeyAlgorithm algorithm) {
    return SESSIONS.computeIfAbsent(
        algorithm,
        a ->
            SessionPki.create(
                PkiOptions.defaults()
                    .withKeyAlgorithm(a)
                    .withClock(Clock.fixed(NOW, ZoneOffset.UTC))));
  }

  @AfterAll
  static void closeSessions() {
    SESSIONS.values().forEach(SessionPki::close);
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void serverAndClientChainsVerifyWithThePkixValidator(KeyAlgorithm algorithm) throws Exception {
    SessionPki pki = pki(algorithm);
    for (X509Certificate leaf : List.of(pki.serverCertificate(), pki.clientCertificate())) {
      CertPath path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
      PKIXParameters parameters =
          new PKIXParameters(Set.of(new TrustAnchor(pki.caCertificate(), null)));
      parameters.setRevocationEnabled(false); // a session CA publishes no revocation lists
      parameters.setDate(Date.from(NOW));
      CertPathValidator.getInstance("PKIX").validate(path, parameters);
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void jdkTlsTrustAcceptsEachCertificateOnlyForItsOwnPurpose(KeyAlgorithm algorithm)
      throws Exception {
    // The JDK's TLS trust checks validity against the real clock: a session valid now.
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults().withKeyAlgorithm(algorithm))) {
      X509TrustManager trust = trustManagerFor(pki.caCertificate());
      String authType = algorithm == KeyAlgorithm.ECDSA_P256 ? "ECDHE_ECDSA" : "ECDHE_RSA";
      X509Certificate[] server = {pki.serverCertificate(), pki.caCertificate()};
      X509Certificate[] client = {pki.clientCertificate(), pki.caCertificate()};
      trust.checkServerTrusted(server, authType);
      trust.checkClientTrusted(client, authType);
      // Extended key usage (RFC 5280 §4.2.1.12): a server certificate cannot act as a client's.
      assertThatThrownBy(() -> trust.checkClientTrusted(server, authType))
          .isInstanceOf(CertificateException.class);
      assertThatThrownBy(() -> trust.checkServerTrusted(client, authType))
          .isInstanceOf(CertificateException.class);
    }
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void serverCertificateNamesLoopbackAndIsForServerAuthOnly(KeyAlgorithm algorithm)
      throws Exception {
    X509Certificate server = pki(algorithm).serverCertificate();
    assertThat(server.getSubjectAlternativeNames())
        .containsExactlyInAnyOrder(
            List.of(7, "127.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"), List.of(2, "localhost"));
    assertThat(server.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
    assertThat(server.getBasicConstraints()).isEqualTo(-1);
    assertThat(server.getKeyUsage()[0]).as("digitalSignature").isTrue();
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void clientCertificateIsForClientAuthOnly(KeyAlgorithm algorithm) throws Exception {
    X509Certificate client = pki(algorithm).clientCertificate();
    assertThat(client.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    assertThat(client.getSubjectAlternativeNames()).isNull();
    assertThat(client.getBasicConstraints()).isEqualTo(-1);
    assertThat(client.getIssuerX500Principal())
        .isEqualTo(pki(algorithm).caCertificate().getSubjectX500Principal());
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void caSignsOnlyEndEntities(KeyAlgorithm algorithm) {
    X509Certificate ca = pki(algorithm).caCertificate();
    assertThat(ca.getBasicConstraints()).isZero();
    boolean[] usage = ca.getKeyUsage();
    assertThat(usage[5]).as("keyCertSign").isTrue();
    assertThat(usage[0]).as("digitalSignature").isFalse();
    assertThat(ca.getCriticalExtensionOIDs()).contains("2.5.29.19", "2.5.29.15");
  }

  @ParameterizedTest
  @EnumSource(KeyAlgorithm.class)
  void everyKeyHasTheChosenAlgorithmAndSize(KeyAlgorithm algorithm) {
    SessionPki pki = pki(algorithm);
    for (X509Certificate c :
        List.of(pki.caCertificate(), pki.serverCertificate(), pki.clientCertificate())) {
      if (algorithm == KeyAlgorithm.ECDSA_P256) {
        assertThat(c.getPublicKey()).isInstanceOf(ECPublicKey.class);
        assertThat(
                ((ECPublicKey) c.getPublicKey()).getParams().getCurve().getField().getFieldSize())
            .isEqualTo(256);
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
      } else {
        assertThat(((RSAPublicKey) c.getPublicKey()).getModulus().bitLength())
            .isEqualTo(algorithm.bits());
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withRSA");
      }
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void keyIdentifiersLinkEachCertificateToTheCa(KeyAlgorithm algorithm) throws Exception {
    SessionPki pki = pki(algorithm);
    JcaX509ExtensionUtils reference = new JcaX509ExtensionUtils(); // RFC 5280 §4.2.1.2 (1)
    byte[] caKeyId =
        reference.createSubjectKeyIdentifier(pki.caCertificate().getPublicKey()).getKeyIdentifier();
    assertThat(
            JcaX509ExtensionUtils.parseExtensionValue(
                pki.caCertificate().getExtensionValue("2.5.29.14")))
        .isEqualTo(new DEROctetString(caKeyId));
    for (X509Certificate leaf : List.of(pki.serverCertificate(), pki.clientCertificate())) {
      AuthorityKeyIdentifier aki =
          AuthorityKeyIdentifier.getInstance(
              JcaX509ExtensionUtils.parseExtensionValue(leaf.getExtensionValue("2.5.29.35")));
      assertThat(aki.getKeyIdentifier()).isEqualTo(caKeyId);
    }
  }

  @Test
  void validityStartsFiveMinutesBeforeNowAndLastsSevenDaysByDefault() {
    SessionPki pki = pki(KeyAlgorithm.ECDSA_P256);
    for (X509Certificate c :
        List.of(pki.caCertificate(), pki.serverCertificate(), pki.clientCertificate())) {
      assertThat(c.getNotBefore().toInstant()).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
      assertThat(c.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    }
    assertThat(pki.notAfter()).isEqualTo(NOW.plus(Duration.ofDays(7)));
  }

  @Test
  void validityIsConfigurable() {
    try (SessionPki pki =
        SessionPki.create(
            PkiOptions.defaults()
                .withClock(Clock.fixed(NOW, ZoneOffset.UTC))
                .withValidity(Duration.ofHours(12))
                .withBackdate(Duration.ofMinutes(1)))) {
      assertThat(pki.notBefore()).isEqualTo(NOW.minus(Duration.ofMinutes(1)));
      assertThat(pki.clientCertificate().getNotAfter().toInstant())
          .isEqualTo(NOW.plus(Duration.ofHours(12)));
    }
  }

  @Test
  void optionsRejectValiditiesOutsideTheSaneRange() {
    PkiOptions defaults = PkiOptions.defaults();
    assertThatThrownBy(() -> defaults.withValidity(Duration.ofSeconds(59)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("validity");
    assertThatThrownBy(() -> defaults.withValidity(Duration.ofDays(3651)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> defaults.withBackdate(Duration.ofMinutes(-1)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void everySessionHasItsOwnCaAndSerials() {
    try (SessionPki a = SessionPki.create(PkiOptions.defaults());
        SessionPki b = SessionPki.create(PkiOptions.defaults())) {
      assertThat(a.caCertificate().getPublicKey()).isNotEqualTo(b.caCertificate().getPublicKey());
      assertThat(a.caCertificate().getSubjectX500Principal())
          .isNotEqualTo(b.caCertificate().getSubjectX500Principal());
      assertThat(a.serverCertificate().getSerialNumber())
          .isNotEqualTo(a.clientCertificate().getSerialNumber())
          .isPositive();
    }
  }

  @Test
  void toStringShowsAlgorithmAndFingerprintButNoKey() {
    SessionPki pki = pki(KeyAlgorithm.ECDSA_P256);
    assertThat(pki.toString())
        .contains("ECDSA P-256", Fingerprints.sha256(pki.caCertificate()))
        .doesNotContain("PRIVATE");
    assertThat(pki.caCertificatePem()).startsWith("-----BEGIN CERTIFICATE-----\n");
  }

  @Test
  void closedSessionRefusesNewContextsAndIsIdempotent() {
    SessionPki pki = SessionPki.create(PkiOptions.defaults());
    pki.close();
    pki.close();
    assertThat(pki.isClosed()).isTrue();
    assertThat(pki.toString()).contains("closed");
    assertThatThrownBy(pki::serverContext).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(pki::clientContext).isInstanceOf(IllegalStateException.class);
  }

  static X509TrustManager trustManagerFor(X509Certificate ca) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    store.load(null, null);
    store.setCertificateEntry("ca", ca);
    TrustManagerFactory factory = TrustManagerFactory.getInstance("PKIX");
    factory.init(store);
    return (X509TrustManager) factory.getTrustManagers()[0];
  }
}
