package io.restore.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClientFilesTest {
  private static final Set<PosixFilePermission> RW_OWNER =
      PosixFilePermissions.fromString("rw-------");
  private static SessionPki pki;

  @TempDir Path dir;

  @BeforeAll
  static void createSession() {
    pki = SessionPki.create(PkiOptions.defaults());
  }

  @AfterAll
  static void closeSession() {
    pki.close();
  }

  @Test
  void writesTheCaFileAndTheClientCertificateFollowedByItsPkcs8Key() throws Exception {
    ClientFiles files = pki.writeClientFiles(dir, Optional.empty());

    assertThat(files.caFile()).isEqualTo(dir.resolve("kmipCA.pem"));
    assertThat(files.clientFile()).isEqualTo(dir.resolve("kmipClient.pem"));
    assertThat(files.clientKeyEncrypted()).isFalse();
    assertThat(LoopbackTls.readCertificates(files.caFile())).containsExactly(pki.caCertificate());
    String client = Files.readString(files.clientFile(), StandardCharsets.US_ASCII);
    assertThat(client)
        .startsWith("-----BEGIN CERTIFICATE-----\n")
        .containsOnlyOnce("-----BEGIN PRIVATE KEY-----\n")
        .endsWith("-----END PRIVATE KEY-----\n");
    assertThat(client.indexOf("-----END CERTIFICATE-----"))
        .isLessThan(client.indexOf("-----BEGIN PRIVATE KEY-----"));
    LoopbackTls.ClientPem pem = LoopbackTls.readClientPem(files.clientFile(), Optional.empty());
    assertThat(pem.certificate()).isEqualTo(pki.clientCertificate());
    assertThat(pem.key().getFormat()).isEqualTo("PKCS#8");
    assertThat(pem.key().getAlgorithm()).isEqualTo("EC");
  }

  @Test
  void filesAreOwnerReadWriteOnlyAndTheDirectoryIsLeftAsItWas() throws Exception {
    Set<PosixFilePermission> before = Files.getPosixFilePermissions(dir);
    ClientFiles files = pki.writeClientFiles(dir, Optional.of("pw".toCharArray()));
    assertThat(Files.getPosixFilePermissions(files.caFile())).isEqualTo(RW_OWNER);
    assertThat(Files.getPosixFilePermissions(files.clientFile())).isEqualTo(RW_OWNER);
    assertThat(Files.getPosixFilePermissions(dir))
        .isEqualTo(before)
        .doesNotContain(PosixFilePermission.OTHERS_WRITE);
  }

  @Test
  void aMissingDirectoryIsCreatedForTheOwnerOnly() throws Exception {
    Path nested = dir.resolve("certs/session");
    ClientFiles files = pki.writeClientFiles(nested, Optional.empty());
    assertThat(Files.getPosixFilePermissions(nested))
        .isEqualTo(PosixFilePermissions.fromString("rwx------"));
    assertThat(files.caFile()).exists();
  }

  @Test
  void encryptedVariantHoldsAnEncryptedPkcs8KeyThatOnlyThePasswordOpens() throws Exception {
    char[] password = "s3cret pass".toCharArray();
    ClientFiles files = pki.writeClientFiles(dir, Optional.of(password));
    assertThat(files.clientKeyEncrypted()).isTrue();
    String client = Files.readString(files.clientFile());
    assertThat(client)
        .contains("-----BEGIN ENCRYPTED PRIVATE KEY-----")
        .doesNotContain("-----BEGIN PRIVATE KEY-----");
    assertThat(LoopbackTls.readClientPem(files.clientFile(), Optional.of(password)).certificate())
        .isEqualTo(pki.clientCertificate());
    assertThatThrownBy(
            () -> LoopbackTls.readClientPem(files.clientFile(), Optional.of("wrong".toCharArray())))
        .isInstanceOf(Exception.class);
  }

  @Test
  void theUnencryptedKeyIsNotInTheEncryptedFile() throws Exception {
    Path plainDir = Files.createDirectory(dir.resolve("plain"));
    String plain = Files.readString(pki.writeClientFiles(plainDir, Optional.empty()).clientFile());
    String keyBase64 =
        plain.substring(
            plain.indexOf("-----BEGIN PRIVATE KEY-----\n") + 28,
            plain.indexOf("\n-----END PRIVATE KEY"));
    byte[] der = Base64.getMimeDecoder().decode(keyBase64);
    assertThat(der).isNotEmpty();
    Path encryptedDir = Files.createDirectory(dir.resolve("encrypted"));
    String encrypted =
        Files.readString(
            pki.writeClientFiles(encryptedDir, Optional.of("pw".toCharArray())).clientFile());
    assertThat(encrypted).doesNotContain(keyBase64.substring(0, 40));
    assertThat(pki.toString()).doesNotContain(keyBase64.substring(0, 40));
  }

  @Test
  void refusesToOverwriteAnExistingFileAndWritesNothing() throws Exception {
    Path existing = Files.writeString(dir.resolve("kmipClient.pem"), "someone else's");
    assertThatThrownBy(() -> pki.writeClientFiles(dir, Optional.empty()))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.SESSION_CONFLICT);
              assertThat(e.getMessage()).contains(existing.toString(), "already exists");
              assertThat(e.nextStep()).contains("--cert-dir");
            });
    assertThat(Files.readString(existing)).isEqualTo("someone else's");
    assertThat(dir.resolve("kmipCA.pem")).doesNotExist();
  }

  @Test
  void refusesToFollowASymlinkPlantedAtTheFileName() throws Exception {
    Path target = dir.resolve("elsewhere");
    Files.createSymbolicLink(dir.resolve("kmipCA.pem"), target);
    assertThatThrownBy(() -> pki.writeClientFiles(dir, Optional.empty(), ExistingFiles.REFUSE))
        .isInstanceOf(RestoreException.class);
    assertThat(target).doesNotExist();
  }

  @Test
  void replaceModeWritesFreshOwnerOnlyFiles() throws Exception {
    Path old = Files.writeString(dir.resolve("kmipCA.pem"), "old");
    Files.setPosixFilePermissions(old, PosixFilePermissions.fromString("rw-r--r--"));
    ClientFiles files = pki.writeClientFiles(dir, Optional.empty(), ExistingFiles.REPLACE);
    assertThat(LoopbackTls.readCertificates(files.caFile())).containsExactly(pki.caCertificate());
    assertThat(Files.getPosixFilePermissions(files.caFile())).isEqualTo(RW_OWNER);
  }

  @Test
  void deleteRemovesExactlyTheFilesItWroteAndIsIdempotent() throws Exception {
    Path neighbour = Files.writeString(dir.resolve("keep.me"), "x");
    ClientFiles files = pki.writeClientFiles(dir, Optional.empty());
    files.delete();
    files.delete();
    assertThat(files.anyExists()).isFalse();
    assertThat(neighbour).exists();
  }

  @Test
  void deleteLeavesAFileThatReplacedOursAndSaysSo() throws Exception {
    ClientFiles files = pki.writeClientFiles(dir, Optional.empty());
    Files.delete(files.caFile());
    Files.writeString(files.caFile(), "not ours");
    assertThatThrownBy(files::delete)
        .isInstanceOf(IOException.class)
        .hasMessageContaining("kmipCA.pem was replaced");
    assertThat(files.caFile()).hasContent("not ours");
    assertThat(files.clientFile()).doesNotExist();
  }

  @Test
  void refusesADirectoryAnyoneCanWriteToWithoutTheStickyBit() throws Exception {
    Path open = Files.createDirectory(dir.resolve("open"));
    Files.setPosixFilePermissions(open, PosixFilePermissions.fromString("rwxrwxrwx"));
    assertThatThrownBy(() -> pki.writeClientFiles(open, Optional.empty()))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("anyone can write");
    assertThat(Files.list(open)).isEmpty();
  }

  @Test
  void rejectsAnEmptyPassword() {
    assertThatThrownBy(() -> pki.writeClientFiles(dir, Optional.of(new char[0])))
        .isInstanceOfSatisfying(
            RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE));
  }

  @Test
  void aClosedSessionWritesNothing() {
    SessionPki closed = SessionPki.create(PkiOptions.defaults());
    closed.close();
    assertThatThrownBy(() -> closed.writeClientFiles(dir, Optional.empty()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.exists(dir.resolve("kmipCA.pem"), LinkOption.NOFOLLOW_LINKS)).isFalse();
  }

  @Test
  void toStringNamesThePathsOnly() throws Exception {
    ClientFiles files = pki.writeClientFiles(dir, Optional.of("hunter2".toCharArray()));
    assertThat(files.toString())
        .contains("kmipCA.pem", "kmipClient.pem", "encrypted")
        .doesNotContain("hunter2");
  }
}
