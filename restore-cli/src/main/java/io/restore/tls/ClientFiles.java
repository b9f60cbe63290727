package io.restore.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The two PEM files mongod reads: {@code --kmipServerCAFile <caFile>} and {@code
 * --kmipClientCertificateFile <clientFile>} (plus {@code --kmipClientCertificatePassword} when
 * {@link #clientKeyEncrypted()}). Remembers the identity of each file it created, so {@link
 * #delete()} removes exactly those files and never one that replaced them.
 *
 * <p>Not a record: besides the paths it keeps each file's identity (inode, time, size).
 */
public final class ClientFiles {
  /** The CA certificate, for mongod's {@code --kmipServerCAFile}. */
  public static final String CA_FILE_NAME = "kmipCA.pem";

  /** Client certificate + PKCS#8 key, for mongod's {@code --kmipClientCertificateFile}. */
  public static final String CLIENT_FILE_NAME = "kmipClient.pem";

  private final Path caFile;
  private final OwnerOnlyFiles.Identity caFileKey;
  private final Path clientFile;
  private final OwnerOnlyFiles.Identity clientFileKey;
  private final boolean clientKeyEncrypted;

  ClientFiles(
      Path caFile,
      OwnerOnlyFiles.Identity caFileKey,
      Path clientFile,
      OwnerOnlyFiles.Identity clientFileKey,
      boolean clientKeyEncrypted) {
    this.caFile = Objects.requireNonNull(caFile);
    this.caFileKey = caFileKey;
    this.clientFile = Objects.requireNonNull(clientFile);
    this.clientFileKey = clientFileKey;
    this.clientKeyEncrypted = clientKeyEncrypted;
  }

  /** {@code <dir>/kmipCA.pem}: the session CA's certificate. */
  public Path caFile() {
    return caFile;
  }

  /** {@code <dir>/kmipClient.pem}: the client certificate followed by its PKCS#8 private key. */
  public Path clientFile() {
    return clientFile;
  }

  /** Whether the key in {@link #clientFile()} is encrypted with the client key password. */
  public boolean clientKeyEncrypted() {
    return clientKeyEncrypted;
  }

  /**
   * Deletes the files this object wrote. Idempotent: files already gone are fine. A file that was
   * replaced since (another inode at the same path) is left alone and reported.
   *
   * @throws IOException naming every file that could not be removed, after trying all of them
   */
  public void delete() throws IOException {
    List<String> problems = new ArrayList<>();
    deleteIfOurs(clientFile, clientFileKey, problems);
    deleteIfOurs(caFile, caFileKey, problems);
    if (!problems.isEmpty()) {
      throw new IOException(String.join("; ", problems));
    }
  }

  private static void deleteIfOurs(
      Path file, OwnerOnlyFiles.Identity fileKey, List<String> problems) {
    try {
      if (fileKey != null && !fileKey.equals(OwnerOnlyFiles.identity(file))) {
        problems.add(file + " was replaced after restore wrote it; left in place");
        return;
      }
      Files.deleteIfExists(file);
    } catch (NoSuchFileException e) {
      // already gone: nothing to do
    } catch (IOException e) {
      problems.add("cannot delete " + file + ": " + e.getMessage());
    }
  }

  /** Whether either file is still on disk (as any file, ours or not). */
  public boolean anyExists() {
    return Files.exists(caFile, LinkOption.NOFOLLOW_LINKS)
        || Files.exists(clientFile, LinkOption.NOFOLLOW_LINKS);
  }

  @Override
  public String toString() {
    return "ClientFiles[ca="
        + caFile
        + ", client="
        + clientFile
        + (clientKeyEncrypted ? ", key encrypted" : "")
        + "]";
  }
}
