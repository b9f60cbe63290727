package io.restore.session;

import io.restore.snapshot.UntrustedFile;
import io.restore.tls.ClientFiles;
import io.restore.tls.SessionPki;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * {@code kmipCA.pem} and {@code kmipClient.pem} for mongod, removed on {@link #close()} unless the
 * user asked to keep them ({@code --keep-certs}).
 */
public final class WrittenCerts implements AutoCloseable {
  private final ClientFiles files;
  private final boolean keep;

  private WrittenCerts(ClientFiles files, boolean keep) {
    this.files = files;
    this.keep = keep;
  }

  public static WrittenCerts write(
      SessionPki pki, Path dir, Optional<char[]> clientKeyPassword, boolean keep) {
    return new WrittenCerts(pki.writeClientFiles(dir, clientKeyPassword), keep);
  }

  public Path caFile() {
    return files.caFile();
  }

  public Path clientFile() {
    return files.clientFile();
  }

  @Override
  public void close() {
    if (keep) {
      return;
    }
    try {
      files.delete();
    } catch (IOException e) {
      System.err.println(
          "restore: could not remove "
              + files.clientFile()
              + " (it holds a private key): "
              + UntrustedFile.reason(e));
    }
  }
}
