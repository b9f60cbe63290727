package io.restore.source.atlas;

import io.restore.tls.CaFileTrust;
import java.nio.file.Path;
import java.util.Optional;
import javax.net.ssl.SSLContext;

/**
 * TLS trust for the Atlas API and its download links: the JDK's CAs, or only those of {@code
 * --atlas-ca-file} (a TLS-inspecting proxy, a private mirror, the tests' loopback double).
 */
final class AtlasTls {
  private AtlasTls() {}

  static SSLContext context(Optional<Path> caFile) {
    return CaFileTrust.context(
        caFile,
        "--atlas-ca-file",
        "pass a PEM file with the CA certificates the Atlas API endpoint presents");
  }
}
