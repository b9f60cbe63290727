package io.restore.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Archives as untrusted input: each hostile entry is refused with exit 3 and its own message naming
 * the entry, nothing is written outside the work folder, and the work folder is removed.
 */
class HostileArchiveTest {
  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();
  private static final byte[] HELLO = "hello".getBytes();

  private Path work() {
    return tmp.resolve("work");
  }

  private RestoreException refused(Path archive, FreeSpace free) {
    Sources sources =
        new Sources(Map.of(), new PrintWriter(err, true), free, DownloadSettings.defaults());
    Throwable t =
        org.assertj.core.api.Assertions.catchThrowable(
            () ->
                sources.open(
                    new Source.Archive(archive),
                    new Sources.Options(Optional.of(work()), false, Optional.empty()),
                    Sources.Need.SNAPSHOT));
    assertThat(t).isInstanceOf(RestoreException.class);
    RestoreException e = (RestoreException) t;
    assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
    return e;
  }

  private RestoreException refused(TarBuilder b) throws IOException {
    return refused(b.writeTo(tmp.resolve("hostile.tgz")), FreeSpace.ofFileSystem());
  }

  /** Only the archive and the (empty) work parent are left in the test folder. */
  private void assertNothingWrittenOutside(String... archives) throws IOException {
    try (Stream<Path> s = Files.list(work())) {
      assertThat(s).as("the work folder was removed").isEmpty();
    }
    try (Stream<Path> s = Files.list(tmp)) {
      List<String> expected = new java.util.ArrayList<>(List.of("work"));
      expected.addAll(Arrays.asList(archives));
      assertThat(s.map(p -> p.getFileName().toString()))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static TarBuilder snapshotWith() {
    return TarBuilder.create().tree("snap", ArchiveSourceTest.DEMO);
  }

  @Test
  void dotDotEntry() throws IOException {
    RestoreException e = refused(snapshotWith().file("snap/../../evil", HELLO, 0644));
    assertThat(e.getMessage()).contains("'snap/../../evil'", "'..' component");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void absolutePath() throws IOException {
    Path target = tmp.resolve("abs-evil");
    RestoreException e = refused(snapshotWith().file(target.toString(), HELLO, 0644));
    assertThat(e.getMessage()).contains("'" + target + "'", "absolute path");
    assertThat(target).doesNotExist();
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void symlinkOut() throws IOException {
    RestoreException e =
        refused(snapshotWith().symlink("snap/out", tmp.toString()).file("snap/out/x", HELLO, 0644));
    assertThat(e.getMessage()).contains("'snap/out'", "symbolic link to '" + tmp + "'", "outside");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void symlinkClimbingOutWithDotDot() throws IOException {
    RestoreException e = refused(snapshotWith().symlink("snap/up", "../../.."));
    assertThat(e.getMessage()).contains("'snap/up'", "symbolic link to '../../..'", "outside");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void symlinkThatLooksInsideButClimbsThroughAnotherLink() throws IOException {
    // x -> "." then l -> "x/../x/.." : lexically inside, really two levels up
    RestoreException e =
        refused(snapshotWith().symlink("snap/x", ".").symlink("snap/l", "x/../x/.."));
    assertThat(e.getMessage()).contains("'snap/l'", "climbs with '..'");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void hardlinkOut() throws IOException {
    RestoreException e = refused(snapshotWith().hardlink("snap/passwd", "../../../etc/passwd"));
    assertThat(e.getMessage()).contains("'snap/passwd'", "hard link to '../../../etc/passwd'");
    RestoreException abs = refused(snapshotWith().hardlink("snap/shadow", "/etc/shadow"));
    assertThat(abs.getMessage()).contains("'snap/shadow'", "hard link to '/etc/shadow', outside");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void fifo() throws IOException {
    RestoreException e = refused(snapshotWith().special("snap/pipe", TarConstants.LF_FIFO));
    assertThat(e.getMessage()).contains("'snap/pipe'", "a FIFO");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void devices() throws IOException {
    RestoreException chr = refused(snapshotWith().special("snap/tty", TarConstants.LF_CHR));
    assertThat(chr.getMessage()).contains("'snap/tty'", "a character device");
    RestoreException blk = refused(snapshotWith().special("snap/sda", TarConstants.LF_BLK));
    assertThat(blk.getMessage()).contains("'snap/sda'", "a block device");
    assertNothingWrittenOutside("hostile.tgz");
  }

  @Test
  void hugeSparseEntryOverTheFreeSpace() throws Exception {
    Path archive = sparseArchive("sparse.tgz", 4L << 30); // 4 GiB of holes, a 125-byte archive
    RestoreException e = refused(archive, dir -> 1L << 30);
    assertThat(e.getMessage()).contains("'huge.wt'", "a sparse file of 4.0 GiB", "1.0 GiB free");
    assertNothingWrittenOutside("sparse.tgz");
  }

  @Test
  void sparseEntryTooLargeForItsHeaderIsRefusedAsCorrupt() throws Exception {
    Path archive = sparseArchive("sparse64.tgz", 64L << 30);
    RestoreException e = refused(archive, FreeSpace.ofFileSystem());
    assertThat(e.getMessage()).contains("a tar header cannot be read", "first entry");
    assertNothingWrittenOutside("sparse64.tgz");
  }

  private Path sparseArchive(String name, long size) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src"));
    try (var f = new java.io.RandomAccessFile(src.resolve("huge.wt").toFile(), "rw")) {
      f.setLength(size);
    }
    Path archive = TarBuilder.gnuTar(tmp.resolve(name), src, "-S", "huge.wt");
    deleteTree(src);
    return archive;
  }

  @Test
  void truncatedGzip() throws Exception {
    Path archive = TarBuilder.gnuTar(tmp.resolve("cut.tgz"), ArchiveSourceTest.DEMO, ".");
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, Arrays.copyOf(all, all.length / 2));
    RestoreException e = refused(archive, FreeSpace.ofFileSystem());
    assertThat(e.getMessage()).contains("ends early", "truncated", "last entry read");
    assertNothingWrittenOutside("cut.tgz");
  }

  @Test
  void corruptCrc() throws Exception {
    Path archive = TarBuilder.gnuTar(tmp.resolve("crc.tgz"), ArchiveSourceTest.DEMO, ".");
    byte[] all = Files.readAllBytes(archive);
    all[all.length - 8] ^= 0x5a; // first byte of the gzip trailer's CRC-32
    Files.write(archive, all);
    RestoreException e = refused(archive, FreeSpace.ofFileSystem());
    assertThat(e.getMessage()).contains("corrupt");
    assertNothingWrittenOutside("crc.tgz");
  }

  @Test
  void setuidAndWorldWritableModesAreMasked() throws Exception {
    Path archive =
        snapshotWith()
            .file("snap/suid", HELLO, 04777)
            .file("snap/open", HELLO, 0666)
            .writeTo(tmp.resolve("modes.tgz"));
    Sources sources =
        new Sources(
            Map.of(),
            new PrintWriter(err, true),
            FreeSpace.ofFileSystem(),
            DownloadSettings.defaults());
    try (OpenedSource s =
        sources.open(
            new Source.Archive(archive),
            new Sources.Options(Optional.of(work()), false, Optional.empty()),
            Sources.Need.SNAPSHOT)) {
      assertThat(mode(s.dbpath().resolve("suid"))).isEqualTo(0755);
      assertThat(mode(s.dbpath().resolve("open"))).isEqualTo(0644);
    }
  }

  private static int mode(Path p) throws IOException {
    int m = (Integer) Files.getAttribute(p, "unix:mode");
    return m & 07777;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
