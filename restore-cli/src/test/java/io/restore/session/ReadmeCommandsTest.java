package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.ProjectPaths;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code restore …} line of the README's fenced blocks tagged {@code sh runnable} runs, as
 * written, through {@code sh -c} on a copy of the demo snapshot, with the mongod stand-in for
 * {@code /opt/mongodb-enterprise/bin/mongod} and a mongosh stand-in that only checks it got a URI.
 * Only the folders {@code /restores/} and {@code /backups/} are moved under a temporary folder.
 */
class ReadmeCommandsTest {
  private static final Pattern RUNNABLE =
      Pattern.compile("```sh runnable\n(.*?)```", Pattern.DOTALL);

  @TempDir Path tmp;

  /** The restore command lines of the runnable blocks, continuation lines joined. */
  static List<String> runnableLines(String readme) {
    List<String> lines = new ArrayList<>();
    Matcher m = RUNNABLE.matcher(readme);
    while (m.find()) {
      String joined = m.group(1).replaceAll("\\\\\n\\s*", " ");
      joined.lines().map(String::strip).filter(l -> l.startsWith("restore ")).forEach(lines::add);
    }
    return lines;
  }

  @Test
  void everyRunnableReadmeCommandRunsOnTheDemoSnapshot() throws Exception {
    Path root = ProjectPaths.root();
    List<String> lines = runnableLines(Files.readString(root.resolve("README.md")));
    assertThat(lines).hasSizeGreaterThanOrEqualTo(4).anyMatch(l -> l.contains("--exec"));

    Path restores = tmp.resolve("restores");
    copyTree(root.resolve("samples/demo"), restores.resolve("snap"));
    Files.copy(root.resolve("samples/demo.key"), restores.resolve("demo.key"));
    Files.setPosixFilePermissions(
        restores.resolve("demo.key"), PosixFilePermissions.fromString("rw-------"));
    try (Stream<Path> meta = Files.list(restores.resolve("snap/cloudProviderCredentials"))) {
      for (Path p : meta.toList()) {
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rw-------"));
      }
    }
    Files.createDirectories(tmp.resolve("backups"));
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    script(
        bin.resolve("restore"),
        "exec '"
            + Path.of(System.getProperty("java.home"), "bin", "java")
            + "' -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -cp \"$RESTORE_STANDIN_CLASSPATH\""
            + " io.restore.cli.Main \"$@\"");
    // mongosh STAND-IN (test double): the README's command must hand it the session's URI.
    script(
        bin.resolve("mongosh"),
        "case \"$1\" in mongodb://*) exit 0 ;; esac\n"
            + "echo \"mongosh stand-in: not a URI: $1\" >&2\nexit 9");

    Map<String, String> env = RestoreProcess.baseEnv(tmp.resolve("state"), tmp.resolve("run"));
    Files.createDirectories(tmp.resolve("run"));
    for (String line : lines) {
      String command =
          line.replace("/restores/", restores + "/")
              .replace("/backups/", tmp.resolve("backups") + "/")
              .replace("/opt/mongodb-enterprise/bin/mongod", RestoreProcess.standIn().toString());
      ProcessBuilder pb =
          new ProcessBuilder(
              "sh", "-c", "alert() { echo \"alert: $*\" >&2; return 1; }\n" + command);
      pb.environment().putAll(env);
      pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
      pb.environment().put("RESTORE_MONGOD", RestoreProcess.standIn().toString());
      pb.redirectErrorStream(true);
      pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
      Path log = tmp.resolve("out.log");
      pb.redirectOutput(log.toFile());
      Process p = pb.start();
      assertThat(p.waitFor(RestoreProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS))
          .as(line)
          .isTrue();
      assertThat(p.exitValue()).as(line + "\n" + Files.readString(log)).isZero();
    }
    assertThat(tmp.resolve("backups/snap/shop")).isDirectory();
    assertThat(tmp.resolve("backups/shop/shop")).isDirectory();
  }

  private static void script(Path file, String body) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + body + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : all.toList()) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }
}
