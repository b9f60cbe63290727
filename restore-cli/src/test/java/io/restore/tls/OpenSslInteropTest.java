package io.restore.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The written files as OpenSSL (mongod's TLS library on Linux) reads them. */
class OpenSslInteropTest {
  @TempDir Path dir;

  @BeforeAll
  static void needsOpenSsl() {
    OpenSsl.require();
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void filesParseWithOpensslX509AndPkeyAndTheKeyMatchesTheCertificate(KeyAlgorithm algorithm)
      throws Exception {
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults().withKeyAlgorithm(algorithm))) {
      pki.writeClientFiles(dir, Optional.empty());

      assertOk(OpenSsl.run(dir, "x509", "-in", "kmipCA.pem", "-noout", "-subject"));
      OpenSsl.Result fingerprint =
          OpenSsl.run(dir, "x509", "-in", "kmipClient.pem", "-noout", "-fingerprint", "-sha256");
      assertOk(fingerprint);
      assertThat(fingerprint.output().replace(":", "").toLowerCase(Locale.ROOT))
          .contains(Fingerprints.sha256(pki.clientCertificate()));
      assertOk(OpenSsl.run(dir, "pkey", "-in", "kmipClient.pem", "-noout"));
      OpenSsl.Result keyPublic = OpenSsl.run(dir, "pkey", "-in", "kmipClient.pem", "-pubout");
      OpenSsl.Result certificatePublic =
          OpenSsl.run(dir, "x509", "-in", "kmipClient.pem", "-noout", "-pubkey");
      assertOk(keyPublic);
      assertThat(keyPublic.output()).isEqualTo(certificatePublic.output());
    }
  }

  @Test
  void encryptedKeyOpensWithThePasswordOnly() throws Exception {
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults())) {
      pki.writeClientFiles(dir, Optional.of("open sesame".toCharArray()));
      assertOk(
          OpenSsl.run(
              dir, "pkey", "-in", "kmipClient.pem", "-passin", "pass:open sesame", "-noout"));
      assertThat(
              OpenSsl.run(dir, "pkey", "-in", "kmipClient.pem", "-passin", "pass:wrong", "-noout")
                  .exitCode())
          .isNotZero();
      // PBES2 with PBKDF2-HMAC-SHA256 and AES-256-CBC, as `openssl pkcs8 -topk8` makes.
      Path keyOnly = dir.resolve("key.pem");
      String pem = Files.readString(dir.resolve("kmipClient.pem"));
      Files.writeString(keyOnly, pem.substring(pem.indexOf("-----BEGIN ENCRYPTED")));
      assertThat(OpenSsl.run(dir, "asn1parse", "-in", "key.pem").output())
          .contains("PBES2", "PBKDF2", "hmacWithSHA256", "aes-256-cbc");
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void opensslVerifiesBothChainsForTheirPurposeAndTheServerForEveryLoopbackName(
      KeyAlgorithm algorithm) throws Exception {
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults().withKeyAlgorithm(algorithm))) {
      pki.writeClientFiles(dir, Optional.empty());
      Files.writeString(dir.resolve("server.pem"), Pem.certificate(pki.serverCertificate()));

      assertOk(verify("-purpose", "sslclient", "kmipClient.pem"));
      assertOk(verify("-purpose", "sslserver", "-verify_ip", "127.0.0.1", "server.pem"));
      assertOk(verify("-purpose", "sslserver", "-verify_ip", "::1", "server.pem"));
      assertOk(verify("-purpose", "sslserver", "-verify_hostname", "localhost", "server.pem"));

      assertThat(verify("-purpose", "sslclient", "server.pem").exitCode()).isNotZero();
      assertThat(verify("-purpose", "sslserver", "kmipClient.pem").exitCode()).isNotZero();
      assertThat(verify("-verify_hostname", "kmip.example.com", "server.pem").exitCode())
          .isNotZero();
      assertThat(verify("-verify_ip", "127.0.0.2", "server.pem").exitCode()).isNotZero();
    }
  }

  @Test
  void opensslDoesNotTrustAnotherSessionsCertificates() throws Exception {
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults());
        SessionPki other = SessionPki.create(PkiOptions.defaults())) {
      pki.writeClientFiles(dir, Optional.empty());
      Files.writeString(dir.resolve("other.pem"), Pem.certificate(other.clientCertificate()));
      assertThat(verify("other.pem").exitCode()).isNotZero();
    }
  }

  @ParameterizedTest
  @EnumSource(
      value = KeyAlgorithm.class,
      names = {"ECDSA_P256", "RSA_2048"})
  void opensslClientWithTheWrittenFilesCompletesMutualTlsAgainstTheServerContext(
      KeyAlgorithm algorithm) throws Exception {
    try (SessionPki pki = SessionPki.create(PkiOptions.defaults().withKeyAlgorithm(algorithm));
        LoopbackTls.Server server =
            new LoopbackTls.Server(pki.serverContext(), InetAddress.getByName("127.0.0.1"))) {
      pki.writeClientFiles(dir, Optional.of("pw".toCharArray()));
      // As mongod: one file for certificate and key, the CA file, and a host-name check.
      OpenSsl.Result result =
          OpenSsl.run(
              dir,
              "s_client",
              "-connect",
              "127.0.0.1:" + server.port(),
              "-CAfile",
              "kmipCA.pem",
              "-cert",
              "kmipClient.pem",
              "-pass",
              "pass:pw",
              "-verify_ip",
              "127.0.0.1",
              "-verify_return_error",
              "-brief");
      assertOk(result);
      assertThat(server.awaitClientCertificate()).isEqualTo(pki.clientCertificate());
    }
  }

  private OpenSsl.Result verify(String... args) throws Exception {
    String[] command = new String[args.length + 3];
    command[0] = "verify";
    command[1] = "-CAfile";
    command[2] = "kmipCA.pem";
    System.arraycopy(args, 0, command, 3, args.length);
    return OpenSsl.run(dir, command);
  }

  private static void assertOk(OpenSsl.Result result) {
    assertThat(result.exitCode()).as(result.output()).isZero();
  }
}
