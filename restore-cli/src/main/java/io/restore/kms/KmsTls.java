package io.restore.kms;

import io.restore.tls.CaFileTrust;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/** TLS trust for KMS endpoints: the JDK's CAs, or only those of {@code --kms-ca-file}. */
public final class KmsTls {
  private static final String FLAG = "--kms-ca-file";

  private KmsTls() {}

  /** An SSL context trusting {@code caFile}'s certificates, or the JDK default when empty. */
  public static SSLContext context(Optional<Path> caFile) {
    return CaFileTrust.context(
        caFile, FLAG, "pass a PEM file with the CA certificates of the KMS endpoint");
  }
}
