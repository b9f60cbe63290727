package io.restore.tls;

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
 * TLS trust for an HTTPS client: the JDK's CAs, or only those of a PEM file a flag names (a KMS or
 * Atlas endpoint behind a TLS-inspecting proxy, a private mirror, the tests' loopback doubles).
 */
public final class CaFileTrust {
  private CaFileTrust() {}

  /** The CA file's bytes: a regular file of at most 1 MiB (UntrustedFile's checks, exit 3). */
  private static byte[] caBytes(Path caFile, String flag) {
    return UntrustedFile.read(caFile, "CA file (from " + flag + ")", UntrustedFile.METADATA_MAX);
  }

  /**
   * An SSL context trusting {@code caFile}'s certificates, or the JDK default when empty; an
   * unreadable file is exit 2 naming {@code flag}, with {@code next} as the next step.
   */
  public static SSLContext context(Optional<Path> caFile, String flag, String next) {
    try {
      if (caFile.isEmpty()) {
        return SSLContext.getDefault();
      }
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      Collection<? extends Certificate> certs;
      try (InputStream in = new ByteArrayInputStream(caBytes(caFile.get(), flag))) {
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
          "cannot use "
              + flag
              + " "
              + UserText.cap(String.valueOf(caFile.orElse(null)))
              + ": it holds no PEM certificate the Java runtime can read",
          next,
          e);
    }
  }
}
