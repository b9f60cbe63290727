package io.restore.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.ProjectPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Archives of the demo snapshot, made with GNU tar and with Commons Compress, as SOURCE. */
class ArchiveSourceTest {
  static final Path DEMO = ProjectPaths.root().resolve("samples/demo");

  @TempDir Path tmp;
  private final StringWriter err = new StringWriter();

  private Path work() {
    return tmp.resolve("work");
  }

  private OpenedSource open(Path archive, Sources.Need need, Optional<String> choice) {
    return open(archive, need, choice, FreeSpace.ofFileSystem());
  }

  private OpenedSource open(
      Path archive, Sources.Need need, Optional<String> choice, FreeSpace free) {
    return new Sources(Map.of(), new PrintWriter(err, true), free, DownloadSettings.defaults())
        .open(
            new Source.Archive(archive),
            new Sources.Options(Optional.of(work()), false, choice),
            need);
  }

  private void assertWorkFolderGone() throws IOException {
    try (Stream<Path> s = Files.list(work())) {
      assertThat(s).as("work folders left in " + work()).isEmpty();
    }
  }

  @Test
  void gnuTarWithATopLevelFolderExtractsIdenticalFilesWithPrivateKeyFolders() throws Exception {
    Path archive = TarBuilder.gnuTar(tmp.resolve("snap.tar.gz"), DEMO.getParent(), "demo");
    assertThat(Source.parse(archive.toString())).isInstanceOf(Source.Archive.class);
    try (OpenedSource s = open(archive, Sources.Need.SNAPSHOT, Optional.empty())) {
      assertThat(s.dbpath().getFileName().toString()).isEqualTo("demo");
      assertThat(s.dbpath()).startsWith(work());
      assertThat(TarBuilder.digests(s.dbpath())).isEqualTo(TarBuilder.digests(DEMO));
      Path metadata =
          s.dbpath()
              .resolve(
                  "cloudProviderCredentials/07db4c22-96ef-3bda-b7a7-77c927308359.local.metadata");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(metadata)))
          .isEqualTo("rw-------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(s.dbpath().resolve("key.store"))))
          .isEqualTo("rwx------");
      assertThat(
              PosixFilePermissions.toString(
                  Files.getPosixFilePermissions(s.workDir().orElseThrow())))
          .isEqualTo("rwx------");
    }
    assertWorkFolderGone();
  }

  @Test
  void commonsCompressArchiveWithTheDbpathAtTheTopLevel() throws Exception {
    Path archive = TarBuilder.create().tree("", DEMO).writeTo(tmp.resolve("top.tgz"));
    try (OpenedSource s = open(archive, Sources.Need.SNAPSHOT, Optional.empty())) {
      assertThat(s.dbpath()).isEqualTo(s.workDir().orElseThrow().resolve("snapshot"));
      assertThat(TarBuilder.digests(s.dbpath())).isEqualTo(TarBuilder.digests(DEMO));
    }
    assertWorkFolderGone();
  }

  @Test
  void aNestedDbpathIsFoundByItsContentNotItsName() throws Exception {
    Path archive =
        TarBuilder.create()
            .file("exports/README", "hello".getBytes(), 0644)
            .tree("exports/2026-12-01/cluster0-shard-0", DEMO)
            .writeTo(tmp.resolve("nested.tar.gz"));
    try (OpenedSource s = open(archive, Sources.Need.SNAPSHOT, Optional.empty())) {
      assertThat(s.dbpath()).endsWith(Path.of("exports/2026-12-01/cluster0-shard-0"));
      assertThat(s.dbpath().resolve("key.store")).isDirectory();
    }
  }

  @Test
  void twoCandidatesAreListedWithTheOptionThatPicksOneWhichExtractsOnlyThatOne() throws Exception {
    Path archive =
        TarBuilder.create().tree("a", DEMO).tree("b/snap", DEMO).writeTo(tmp.resolve("two.tgz"));
    assertThatThrownBy(() -> open(archive, Sources.Need.SNAPSHOT, Optional.empty()))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.SNAPSHOT);
              assertThat(e.getMessage()).contains("several dbpaths", "\n  a", "\n  b/snap");
              assertThat(e.nextStep()).contains("--archive-dbpath a");
            });
    assertWorkFolderGone();

    try (OpenedSource s = open(archive, Sources.Need.SNAPSHOT, Optional.of("b/snap/"))) {
      assertThat(s.dbpath()).endsWith(Path.of("b/snap"));
      assertThat(s.workDir().orElseThrow().resolve("snapshot/a")).doesNotExist();
    }
  }

  @Test
  void noDbpathInTheArchiveIsASnapshotError() throws Exception {
    Path archive =
        TarBuilder.create().file("notes.txt", new byte[10], 0644).writeTo(tmp.resolve("x.tgz"));
    assertThatThrownBy(() -> open(archive, Sources.Need.SNAPSHOT, Optional.empty()))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("no dbpath in");
    assertWorkFolderGone();
  }

  @Test
  void inspectWritesOnlyTheKeyFoldersAndStopsBeforeTheDataFiles() throws Exception {
    byte[] data = new byte[2 << 20];
    new Random(7).nextBytes(data);
    Path archive =
        TarBuilder.create()
            .tree("snap/key.store", DEMO.resolve("key.store"))
            .tree("snap/cloudProviderCredentials", DEMO.resolve("cloudProviderCredentials"))
            .file("snap/mongod.lock", new byte[0], 0600)
            .tree("snap/standin-data", DEMO.resolve("standin-data"))
            .file("snap/collection-0-1.wt", data, 0600)
            .writeTo(tmp.resolve("ordered.tgz"));
    // cut the archive's tail: reading it to the end would fail, stopping early does not
    byte[] all = Files.readAllBytes(archive);
    Files.write(archive, java.util.Arrays.copyOf(all, all.length - (1 << 20)));

    try (OpenedSource s = open(archive, Sources.Need.METADATA, Optional.empty())) {
      assertThat(s.dbpath().resolve("key.store/keystore.metadata")).isRegularFile();
      assertThat(s.dbpath().resolve("cloudProviderCredentials")).isDirectory();
      assertThat(s.dbpath().resolve("standin-data")).doesNotExist();
      assertThat(s.dbpath().resolve("collection-0-1.wt")).doesNotExist();
      assertThat(s.dbpath().resolve("mongod.lock")).doesNotExist();
    }
    assertWorkFolderGone();
  }

  @Test
  void anArchiveThatCannotFitStopsBeforeExtractingAndNamesWorkDir() throws Exception {
    Path archive = TarBuilder.gnuTar(tmp.resolve("snap.tar.gz"), DEMO, ".");
    assertThat(SpaceCheck.gzipTrailerSize(archive).orElseThrow()).isGreaterThan(300_000);
    assertThatThrownBy(() -> open(archive, Sources.Need.SNAPSHOT, Optional.empty(), dir -> 100_000))
        .isInstanceOfSatisfying(
            RestoreException.class,
            e -> {
              assertThat(e.exitCode()).isEqualTo(ExitCode.FAILURE);
              assertThat(e.getMessage()).contains("needs about", "has only 97.7 KiB free");
              assertThat(e.nextStep()).contains("--work-dir");
            });
    assertWorkFolderGone();
  }

  @Test
  void keepExtractedKeepsTheFolderAndSaysWhere() throws Exception {
    Path archive = TarBuilder.gnuTar(tmp.resolve("snap.tar.gz"), DEMO, ".");
    Path dbpath;
    try (OpenedSource s =
        new Sources(
                Map.of(),
                new PrintWriter(err, true),
                FreeSpace.ofFileSystem(),
                DownloadSettings.defaults())
            .open(
                new Source.Archive(archive),
                new Sources.Options(Optional.of(work()), true, Optional.empty()),
                Sources.Need.SNAPSHOT)) {
      dbpath = s.dbpath();
    }
    assertThat(dbpath.resolve("key.store")).isDirectory();
    assertThat(err.toString()).contains("the extracted snapshot is kept in " + work());
    // kept folders have no owner file, so no later restore sweeps them
    WorkDir.sweep(work());
    assertThat(dbpath.resolve("key.store")).isDirectory();
  }

  @Test
  void aFolderOfADeadRestoreIsSweptAndALiveOneIsNot() throws Exception {
    Files.createDirectories(work());
    Path dead = Files.createDirectory(work().resolve(WorkDir.PREFIX + "dead"));
    Files.writeString(dead.resolve(WorkDir.OWNER), "999999999 1\n");
    Files.createDirectories(dead.resolve("snapshot/x"));
    Path live = Files.createDirectory(work().resolve(WorkDir.PREFIX + "live"));
    var me = io.restore.mongod.ProcessIdentity.current();
    Files.writeString(live.resolve(WorkDir.OWNER), me.pid() + " " + me.startTicks() + "\n");
    Path other = Files.createDirectory(work().resolve("unrelated"));

    WorkDir.sweep(work());

    assertThat(dead).doesNotExist();
    assertThat(live).isDirectory();
    assertThat(other).isDirectory();
  }

  @Test
  void sourceArgumentsAreRecognised() throws Exception {
    assertThat(Source.parse("https://x.example/snap.tar.gz?token=s3cr3t"))
        .isInstanceOf(Source.Url.class)
        .extracting(Source::describe)
        .isEqualTo("https://x.example/snap.tar.gz");
    assertThat(Source.parse(DEMO.toString())).isEqualTo(new Source.Folder(DEMO));
    Path renamed = TarBuilder.gnuTar(tmp.resolve("download"), DEMO, ".");
    assertThat(Source.parse(renamed.toString())).isInstanceOf(Source.Archive.class);
  }
}
