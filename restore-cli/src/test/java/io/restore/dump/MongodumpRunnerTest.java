package io.restore.dump;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MongodumpRunnerTest {
  @TempDir Path tmp;

  @Test
  void runsMongodumpFromPathWithTheUriInAConfigFileAndRenamesItsOutput() throws Exception {
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path log = tmp.resolve("args.txt");
    // a stand-in mongodump: records its arguments and config, writes a file under --out
    Path script = bin.resolve("mongodump");
    Files.writeString(
        script,
        String.join(
            "\n",
            "#!/bin/sh",
            "echo \"$@\" > " + log,
            "for a in \"$@\"; do case $a in --config=*) cat \"${a#--config=}\" >> "
                + log
                + ";;"
                + " --out=*) mkdir -p \"${a#--out=}/db\"; echo x > \"${a#--out=}/db/c.bson\";; esac;"
                + " done",
            ""));
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    Path out = tmp.resolve("dump");
    DumpSummary s =
        new Dumper(
                System.out, Map.of("PATH", bin + ":/usr/bin:/bin"), Clock.systemUTC(), () -> "m1")
            .dump(
                "mongodb://u:secret@h:1/",
                DumpRequest.of(new DumpOutput.Directory(out))
                    .withTool(DumpTool.MONGODUMP)
                    .withGzip(true)
                    .withFilter(NamespaceFilter.database("db")),
                DumpProgress.SILENT);
    assertThat(s.ok()).isTrue();
    assertThat(out.resolve("db/c.bson")).exists();
    String args = Files.readString(log);
    assertThat(args.lines().findFirst().orElseThrow())
        .doesNotContain("secret")
        .contains("--gzip")
        .contains("--db=db")
        .contains("--numParallelCollections=4")
        .contains("--out=" + out + ".partial-m1");
    assertThat(args).contains("uri: \"mongodb://u:secret@h:1/\"");
  }

  @Test
  void missingMongodumpIsAClearError() {
    assertThatThrownBy(
            () ->
                new Dumper(
                        System.out, Map.of("PATH", tmp.toString()), Clock.systemUTC(), () -> "m2")
                    .dump(
                        "mongodb://h/",
                        DumpRequest.of(new DumpOutput.Directory(tmp.resolve("o")))
                            .withTool(DumpTool.MONGODUMP),
                        DumpProgress.SILENT))
        .isInstanceOfSatisfying(
            RestoreException.class, e -> assertThat(e.exitCode()).isEqualTo(ExitCode.DUMP_FAILED))
        .hasMessageContaining("no mongodump on PATH");
  }
}
