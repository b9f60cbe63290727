package io.restore.testkit.mongod;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.EncryptedPrivateKeyInfo;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Reads mongod's {@code --kmipClientCertificateFile}: ONE PEM file with the client certificate (and
 * any chain) and its PKCS#8 private key, encrypted or not. JDK only, so the stand-in starts fast.
 */
final class PemClientIdentity {
  private PemClientIdentity() {}

  private static final Pattern BLOCK =
      Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----([^-]+)-----END \\1-----");

  /** A key store holding the certificate chain and key under alias "client". */
  static KeyStore keyStore(Path pemFile, char[] password)
      throws IOException, GeneralSecurityException {
    String pem = Files.readString(pemFile, StandardCharsets.US_ASCII);
    List<X509Certificate> chain = new ArrayList<>();
    PrivateKey key = null;
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    Matcher m = BLOCK.matcher(pem);
    while (m.find()) {
      byte[] der = Base64.getMimeDecoder().decode(m.group(2));
      switch (m.group(1)) {
        case "CERTIFICATE" ->
            chain.add((X509Certificate) x509.generateCertificate(new ByteArrayInputStream(der)));
        case "PRIVATE KEY" -> key = privateKey(new PKCS8EncodedKeySpec(der));
        case "ENCRYPTED PRIVATE KEY" -> key = decrypt(der, password, pemFile);
        default ->
            throw new GeneralSecurityException(
                pemFile
                    + " holds a '"
                    + m.group(1)
                    + "' block; expected CERTIFICATE and a PKCS#8 key");
      }
    }
    if (chain.isEmpty() || key == null) {
      throw new GeneralSecurityException(
          pemFile + " must hold a certificate and its private key (PEM)");
    }
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("client", key, new char[0], chain.toArray(new Certificate[0]));
    return ks;
  }

  /** Every certificate of a PEM bundle, as a trust store. */
  static KeyStore trustStore(Path caFile) throws IOException, GeneralSecurityException {
    CertificateFactory x509 = CertificateFactory.getInstance("X.509");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    int i = 0;
    try (var in = Files.newInputStream(caFile)) {
      for (Certificate c : x509.generateCertificates(in)) {
        ks.setCertificateEntry("ca" + i++, c);
      }
    }
    if (i == 0) {
      throw new GeneralSecurityException(caFile + " holds no certificate");
    }
    return ks;
  }

  private static PrivateKey decrypt(byte[] der, char[] password, Path pemFile)
      throws IOException, GeneralSecurityException {
    if (password == null) {
      throw new GeneralSecurityException(
          pemFile + " holds an encrypted key; --kmipClientCertificatePassword is required");
    }
    EncryptedPrivateKeyInfo info = new EncryptedPrivateKeyInfo(der);
    // For PBES2 the JDK names the cipher through the parameters (e.g. PBEWithHmacSHA256AndAES_256).
    String algorithm =
        info.getAlgParameters() != null ? info.getAlgParameters().toString() : info.getAlgName();
    SecretKeyFactory factory = SecretKeyFactory.getInstance(algorithm);
    Cipher cipher = Cipher.getInstance(algorithm);
    cipher.init(
        Cipher.DECRYPT_MODE,
        factory.generateSecret(new PBEKeySpec(password)),
        info.getAlgParameters());
    return privateKey(info.getKeySpec(cipher));
  }

  private static PrivateKey privateKey(PKCS8EncodedKeySpec spec) throws GeneralSecurityException {
    GeneralSecurityException last = null;
    for (String algorithm : new String[] {"EC", "RSA", "Ed25519", "RSASSA-PSS"}) {
      try {
        return KeyFactory.getInstance(algorithm).generatePrivate(spec);
      } catch (GeneralSecurityException e) {
        last = e;
      }
    }
    throw new GeneralSecurityException("unsupported private key type", last);
  }
}
