package io.restore.kms;

import io.restore.tls.CaFileTrust;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** TLS trust for KMS endpoints: the JDK's CAs, or only those of {@code --kms-ca-file}. */
public final class KmsTls {
  private static final String FLAG = "--kms-ca-file";

  private KmsTls() {}

  /** The CA file's bytes: a regular file of at most 1 MiB (UntrustedFile's checks, exit 3). */
  public static byte[] caBytes(Path caFile) {
    return CaFileTrust.caBytes(caFile, FLAG);
  }

  /** An SSL context trusting {@code caFile}'s certificates, or the JDK default when empty. */
  public static SSLContext context(Optional<Path> caFile) {
    return CaFileTrust.context(
        caFile, FLAG, "pass a PEM file with the CA certificates of the KMS endpoint");
  }
}
