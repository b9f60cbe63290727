package io.restore.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A link as SOURCE, against a loopback server: resume, refusals, timeouts, disk space. */
class DownloadSourceTest {
  @TempDir static Path shared;
  static byte[] archive;

  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();

  @BeforeAll
  static void makeArchive() throws Exception {
    archive =
        Files.readAllBytes(
            TarBuilder.gnuTar(shared.resolve("snap.tar.gz"), ArchiveSourceTest.DEMO, "."));
  }

  private OpenedSource download(SnapshotServer server, FreeSpace free, DownloadSettings settings) {
    return new Sources(Map.of(), new PrintWriter(err, true), free, settings)
        .open(
            new Source.Url(server.uri()),
            new Sources.Options(Optional.of(tmp), false, Optional.empty()),
            Sources.Need.SNAPSHOT);
  }

  private OpenedSource download(SnapshotServer server) {
    return download(server, FreeSpace.ofFileSystem(), DownloadSettings.defaults());
  }

  private RestoreException refused(SnapshotServer server, DownloadSettings settings) {
    Throwable t = catchThrowable(() -> download(server, FreeSpace.ofFileSystem(), settings));
    assertThat(t).isInstanceOf(RestoreException.class);
    RestoreException e = (RestoreException) t;
    assertThat(e.getMessage() + e.nextStep() + err).doesNotContain("SECRET");
    return e;
  }

  private void assertWorkFolderGone() throws IOException {
    try (Stream<Path> s = Files.list(tmp)) {
      assertThat(s).isEmpty();
    }
  }

  @Test
  void fullDownloadExtractsTheSameFilesAndNeverPrintsTheQuery() throws Exception {
    try (SnapshotServer server = new SnapshotServer(archive);
        OpenedSource s = download(server)) {
      assertThat(TarBuilder.digests(s.dbpath()))
          .isEqualTo(TarBuilder.digests(ArchiveSourceTest.DEMO));
      assertThat(err.toString())
          .contains("downloading http://127.0.0.1:")
          .contains("/snap.tar.gz (")
          .contains("restore: downloaded ")
          .doesNotContain("SECRET")
          .doesNotContain("X-Amz");
    }
    assertWorkFolderGone();
  }

  @Test
  void aConnectionCutMidBodyIsResumedFromTheExactByte() throws Exception {
    int cut = archive.length / 2;
    try (SnapshotServer server = new SnapshotServer(archive).cutFirstResponseAfter(cut);
        OpenedSource s = download(server)) {
      assertThat(TarBuilder.digests(s.dbpath()))
          .isEqualTo(TarBuilder.digests(ArchiveSourceTest.DEMO));
      // the resume starts where the extractor is (the client may drop bytes it had buffered)
      assertThat(server.ranges()).hasSize(2).startsWith((String) null);
      long from = Long.parseLong(server.ranges().get(1).replaceAll("bytes=(\\d+)-", "$1"));
      assertThat(from).isPositive().isLessThanOrEqualTo(cut);
      assertThat(err.toString()).contains("resuming from byte " + from + " (attempt 1)");
    }
    assertWorkFolderGone();
  }

  @Test
  void withoutAcceptRangesACutSaysTheLinkMayBeOneTime() throws Exception {
    try (SnapshotServer server =
        new SnapshotServer(archive).noAcceptRanges().cutFirstResponseAfter(archive.length / 3)) {
      RestoreException e = refused(server, DownloadSettings.defaults());
      assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
      assertThat(e.getMessage())
          .contains("/snap.tar.gz stopped at", "does not offer resuming (no Accept-Ranges: bytes)");
      assertThat(e.nextStep()).contains("may be one-time", "request a new download");
      assertThat(server.ranges()).hasSize(1);
    }
    assertWorkFolderGone();
  }

  @Test
  void forbiddenAndGoneMeanAnExpiredOrUsedLink() throws Exception {
    for (int code : new int[] {403, 410, 404}) {
      try (SnapshotServer server = new SnapshotServer(archive).status(code)) {
        RestoreException e = refused(server, DownloadSettings.defaults());
        assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
        assertThat(e.getMessage())
            .contains("(HTTP " + code, "the link has expired or was already used");
        assertThat(e.nextStep()).contains("request a new download");
      }
    }
    assertWorkFolderGone();
  }

  @Test
  void aServerErrorIsNotCalledAnExpiredLink() throws Exception {
    try (SnapshotServer server = new SnapshotServer(archive).status(503)) {
      RestoreException e = refused(server, DownloadSettings.defaults());
      assertThat(e.getMessage()).contains("failed with HTTP 503").doesNotContain("expired");
      assertThat(e.nextStep()).contains("try again in a few minutes");
    }
  }

  @Test
  void aStalledBodyTimesOutAndResumesThenGivesUp() throws Exception {
    DownloadSettings quick = new DownloadSettings(Duration.ofSeconds(5), Duration.ofMillis(300), 2);
    try (SnapshotServer server = new SnapshotServer(archive).stallAfter(1000)) {
      RestoreException e = refused(server, quick);
      assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
      assertThat(e.getMessage())
          .contains("stopped at", "2 attempts to resume it got no data", "no data for 0.3 s");
      assertThat(server.ranges()).containsExactly(null, "bytes=1000-", "bytes=1000-");
    }
    assertWorkFolderGone();
  }

  @Test
  void aServerThatNeverAnswersTimesOut() throws Exception {
    DownloadSettings quick = new DownloadSettings(Duration.ofSeconds(5), Duration.ofMillis(300), 2);
    try (var silent = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      Throwable t =
          catchThrowable(
              () ->
                  new Sources(Map.of(), new PrintWriter(err, true), FreeSpace.ofFileSystem(), quick)
                      .open(
                          Source.parse(
                              "http://127.0.0.1:" + silent.getLocalPort() + "/s.tgz?sig=SECRET"),
                          new Sources.Options(Optional.of(tmp), false, Optional.empty()),
                          Sources.Need.SNAPSHOT));
      assertThat(t)
          .isInstanceOf(RestoreException.class)
          .hasMessageContaining("no answer within 0.3 s")
          .hasMessageNotContaining("SECRET");
    }
    assertWorkFolderGone();
  }

  @Test
  void aContentLengthLargerThanTheFreeSpaceStopsBeforeExtracting() throws Exception {
    try (SnapshotServer server = new SnapshotServer(archive)) {
      Throwable t =
          catchThrowable(() -> download(server, dir -> 10_000, DownloadSettings.defaults()));
      assertThat(t).isInstanceOf(RestoreException.class);
      RestoreException e = (RestoreException) t;
      assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
      assertThat(e.getMessage()).contains("needs about", "has only 9.8 KiB free");
      assertThat(e.nextStep()).contains("--work-dir");
      assertThat(err.toString()).doesNotContain("extracting into");
    }
    assertWorkFolderGone();
  }

  @Test
  void progressOnATerminalIsOneLineWithRateAndEta() {
    long[] now = {0};
    StringWriter out = new StringWriter();
    DownloadProgress p = new DownloadProgress(new PrintWriter(out), true, () -> now[0], "h/p");
    p.start(100L << 20);
    now[0] = 1_000_000_000L;
    p.advance(25L << 20);
    assertThat(out.toString())
        .contains("\rdownloaded 25.0 MiB of 100.0 MiB (25%), 25.0 MiB/s, ETA 0:03");
  }
}
