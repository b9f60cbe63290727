package io.restore.dump;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.process.Launcher;
import io.restore.process.RunSpec;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code --dump-tool mongodump}: runs the user's real mongodump on the same URI, into the same
 * staged output. The URI goes in a {@code --config} file readable by the owner only, never on the
 * command line where {@code ps} would show its password.
 */
final class MongodumpRunner {
  private final Map<String, String> env;
  private final Clock clock;
  private final Supplier<String> ids;
  private final OutputStream stdout;
  private final Launcher launcher;

  private final DumpCancellation cancellation;

  MongodumpRunner(
      OutputStream stdout,
      Map<String, String> env,
      Clock clock,
      Supplier<String> ids,
      Launcher launcher,
      DumpCancellation cancellation) {
    this.cancellation = cancellation;
    this.stdout = stdout;
    this.launcher = launcher;
    this.env = env;
    this.clock = clock;
    this.ids = ids;
  }

  DumpSummary run(String uri, DumpRequest request, DumpProgress progress) {
    Path binary =
        find("mongodump")
            .orElseThrow(
                () ->
                    new RestoreException(
                        ExitCode.DUMP_FAILED,
                        "--dump-tool mongodump: no mongodump on PATH",
                        "install the MongoDB Database Tools, or leave out --dump-tool to use the built-in dumper"));
    if (request.output() instanceof DumpOutput.UploadedArchive) {
      throw usage("--dump-tool mongodump writes local files only, not to an object store");
    }
    if (request.output() instanceof DumpOutput.Jsonl) {
      throw usage("--format jsonl is the built-in dumper's; mongodump writes BSON");
    }
    if (!request.filter().excludeDbs().isEmpty()) {
      throw usage("--exclude-db has no mongodump equivalent");
    }
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    String id = ids.get();
    StagedOutput staged = null;
    Path config = null;
    try {
      List<String> cmd = new ArrayList<>(List.of(binary.toString()));
      config = SecretTempFile.create("restore-mongodump-", ".yaml");
      Files.writeString(
          config,
          "uri: \"" + uri.replace("\\", "\\\\").replace("\"", "\\\"") + "\"\n",
          StandardCharsets.UTF_8);
      cmd.add("--config=" + config);
      boolean toStdout = false;
      if (request.output() instanceof DumpOutput.Directory d) {
        staged = StagedOutput.directory(d.dir(), request.overwrite(), id);
        cmd.add("--out=" + staged.staging());
      } else if (request.output() instanceof DumpOutput.Archive a && a.file().isPresent()) {
        staged = StagedOutput.file(a.file().get(), request.overwrite(), id);
        cmd.add("--archive=" + staged.staging());
      } else {
        toStdout = true;
        cmd.add("--archive");
      }
      arguments(request, cmd);
      // Commons Exec through the launcher: the output is copied as it comes (an archive on
      // stdout included); a cancelled dump ends mongodump (SIGTERM, its exit fails the dump),
      // and so does restore's own exit.
      int code =
          launcher
              .run(
                  new RunSpec(
                      cmd,
                      env,
                      toStdout ? stdout : System.out,
                      System.err,
                      Optional.empty(),
                      cancellation::onCancel))
              .exitCode();
      if (toStdout) {
        stdout.flush();
      }
      String where = staged == null ? "stdout" : staged.target().toString();
      if (code != 0) {
        String why = "mongodump exited with " + code + " (its messages are above)";
        DumpSummary s = summary(request, where, started, t0, why);
        Dumper.writeSummary(request, s);
        progress.done(s);
        throw new RestoreException(
            ExitCode.DUMP_FAILED,
            "dump failed, " + where + " was not written: " + why,
            "fix the cause and run again");
      }
      if (staged != null) {
        staged.commit();
      }
      DumpSummary s = summary(request, where, started, t0, null);
      Dumper.writeSummary(request, s);
      progress.done(s);
      return s;
    } catch (IOException e) {
      throw new RestoreException(
          ExitCode.DUMP_FAILED,
          "running mongodump failed: " + e.getMessage(),
          "check the mongodump binary and the output path",
          e);
    } finally {
      if (staged != null) {
        staged.close();
      }
      if (config != null) {
        try {
          Files.deleteIfExists(config);
        } catch (IOException ignored) {
          // a temp file readable by its owner only
        }
      }
    }
  }

  private static void arguments(DumpRequest r, List<String> cmd) {
    NamespaceFilter f = r.filter();
    if (f.db() != null) {
      cmd.add("--db=" + f.db());
    }
    if (f.collection() != null) {
      cmd.add("--collection=" + f.collection());
    }
    for (String c : f.excludeCollections()) {
      cmd.add("--excludeCollection=" + c);
    }
    if (f.query() != null) {
      cmd.add("--query=" + f.query());
    }
    for (String prefix : f.patterns().excludePrefixes()) {
      cmd.add("--excludeCollectionsWithPrefix=" + prefix);
    }
    for (String p : f.patterns().include()) {
      cmd.add("--nsInclude=" + p);
    }
    for (String p : f.patterns().exclude()) {
      cmd.add("--nsExclude=" + p);
    }
    if (r.gzip()) {
      cmd.add("--gzip");
    }
    cmd.add("--numParallelCollections=" + r.parallelCollections());
  }

  private DumpSummary summary(DumpRequest r, String where, Instant started, long t0, String err) {
    return new DumpSummary(
        err == null,
        "mongodump " + Dumper.formatName(r),
        where,
        started,
        Duration.ofNanos(System.nanoTime() - t0),
        List.of(),
        err == null ? "mongodump exited 0 (its output is not re-checked by restore)" : null,
        err);
  }

  private java.util.Optional<Path> find(String name) {
    String path = env.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return java.util.Optional.of(p);
      }
    }
    return java.util.Optional.empty();
  }

  private static RestoreException usage(String msg) {
    return new RestoreException(ExitCode.USAGE, msg, "leave out --dump-tool mongodump");
  }
}
