package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.snapshot.UntrustedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS trust for the Atlas API and its download links: the JDK's CAs, or only those of {@code
 * --atlas-ca-file} (a TLS-inspecting proxy, a private mirror, the tests' loopback double).
 */
final class AtlasTls {
  private AtlasTls() {}

  static SSLContext context(Optional<Path> caFile) {
    try {
      if (caFile.isEmpty()) {
        return SSLContext.getDefault();
      }
      byte[] pem =
          UntrustedFile.read(
              caFile.get(), "CA file (from --atlas-ca-file)", UntrustedFile.METADATA_MAX);
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = new ByteArrayInputStream(pem)) {
        certs = CertificateFactory.getInstance("X.509").generateCertificates(in);
      }
      if (certs.isEmpty()) {
        throw new GeneralSecurityException("no certificate in the file");
      }
      int i = 0;
      for (Certificate c : certs) {
        ks.setCertificateEntry("ca" + i++, c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (IOException | GeneralSecurityException e) {
      throw new RestoreException(
          ExitCode.USAGE,
          "cannot use --atlas-ca-file "
              + UserText.cap(String.valueOf(caFile.orElse(null)))
              + ": it holds no PEM certificate the Java runtime can read",
          "pass a PEM file with the CA certificates the Atlas API endpoint presents");
    }
  }
}
