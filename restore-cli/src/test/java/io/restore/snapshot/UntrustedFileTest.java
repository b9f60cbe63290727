package io.restore.snapshot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Files a snapshot holds or names are untrusted (issue 12, defect 1): real FIFOs (mkfifo) and links
 * to devices are refused by type before they are opened, and regular files through a cap counted
 * while reading. The timeout only turns a regression (a hang on a FIFO) into a failure.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UntrustedFileTest {
  @TempDir Path dir;

  static Path mkfifo(Path p) throws IOException, InterruptedException {
    Process mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    assertThat(mk.waitFor()).isZero();
    return p;
  }

  private static AbstractThrowableAssert<?, ? extends Throwable> refused(Runnable r) {
    return assertThatThrownBy(r::run)
        .isInstanceOf(RestoreException.class)
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.SNAPSHOT));
  }

  @Test
  void aFifoIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = mkfifo(dir.resolve("k.aws.metadata"));
    refused(() -> UntrustedFile.read(fifo, "metadata file", 1 << 20))
        .hasMessage("metadata file " + fifo + " is a FIFO (named pipe), not a regular file");
  }

  @Test
  void aLinkToADeviceSaysWhichLinkPointedWhere() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("master.key"), Path.of("/dev/zero"));
    refused(() -> UntrustedFile.read(link, "key file (from --key-file)", 64 << 10))
        .hasMessage(
            "key file (from --key-file) "
                + link
                + " (a link to /dev/zero) is a character device, not a regular file");
  }

  @Test
  void aLinkToAFifoAndADirectoryAreRefusedByWhatTheyAre() throws Exception {
    Path fifo = mkfifo(dir.resolve("pipe"));
    Path link = Files.createSymbolicLink(dir.resolve("via-link"), fifo);
    refused(() -> UntrustedFile.read(link, "metadata file", 1 << 20))
        .hasMessageContaining("(a link to " + fifo + ") is a FIFO");
    Path sub = Files.createDirectory(dir.resolve("k.gcp.metadata"));
    refused(() -> UntrustedFile.read(sub, "metadata file", 1 << 20))
        .hasMessageContaining("is a directory, not a regular file");
  }

  @Test
  void aDanglingLinkAndAMissingFileSayNoSuchFile() throws Exception {
    Path link = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("gone"));
    refused(() -> UntrustedFile.read(link, "key file", 64))
        .hasMessageContaining("which does not exist")
        .hasMessageContaining("no such file")
        .hasMessageNotContaining("Exception");
    refused(() -> UntrustedFile.read(dir.resolve("missing"), "key file", 64))
        .hasMessage("key file " + dir.resolve("missing") + " does not exist (no such file)");
  }

  @Test
  void aMissingKeyFileTakesTheCallersExitCodeAWrongTypeNever() throws Exception {
    assertThatThrownBy(() -> UntrustedFile.read(dir.resolve("gone"), "key file", 64, ExitCode.KMS))
        .satisfies(e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.KMS));
    Path fifo = mkfifo(dir.resolve("fifo"));
    refused(() -> UntrustedFile.read(fifo, "key file", 64, ExitCode.KMS))
        .hasMessageContaining("is a FIFO");
  }

  @Test
  void theCapIsCountedWhileReadingNotTakenFromTheSize() throws Exception {
    Path big = Files.write(dir.resolve("big"), new byte[64 * 1024 + 1]);
    refused(() -> UntrustedFile.read(big, "key file", 64 * 1024))
        .hasMessageContaining("is larger than 64 KiB (reading stopped there)");
    Path exact = Files.write(dir.resolve("exact"), new byte[64 * 1024]);
    assertThat(UntrustedFile.read(exact, "key file", 64 * 1024)).hasSize(64 * 1024);
    // /proc files report size 0 and are regular: only a counted cap bounds them.
    Path proc = Path.of("/proc/self/maps");
    if (Files.isRegularFile(proc)) {
      refused(() -> UntrustedFile.read(proc, "metadata file", 16))
          .hasMessageContaining("is larger than");
    }
  }

  @Test
  void pathStringsFromMetadataAreCheckedWhenRead() {
    refused(() -> UntrustedFile.path("a\u0000b", "field keyFile of f"))
        .hasMessage(
            "field keyFile of f is not a usable path: it contains a control character (code 0)");
    refused(() -> UntrustedFile.path("x".repeat(5000), "field keyFile of f"))
        .hasMessageContaining("5000 characters long")
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(300));
  }
}
