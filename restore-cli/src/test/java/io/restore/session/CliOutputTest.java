package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.cli.JsonDocs;
import io.restore.json.Json;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a person (or a script) sees: restore and the mongod stand-in as real child processes, on
 * pipes and in a real pseudo-terminal ({@code script} from util-linux).
 */
class CliOutputTest {
  private static final Pattern STAMPED =
      Pattern.compile("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z .*");
  private static final List<String> COLLECTIONS =
      List.of(
          "shop.users", "shop.orders", "shop.shipped_orders", "crm.contacts", "analytics.events");

  @TempDir static Path shared;
  static Sample sample;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path work;

  @BeforeAll
  static void generate() throws Exception {
    sample = SampleSnapshotGenerator.smallLocal(shared, 83);
  }

  private Map<String, String> env() {
    return RestoreProcess.baseEnv(state, runtime);
  }

  private String[] dump(String... extra) {
    List<String> args = new ArrayList<>();
    args.addAll(
        List.of(
            "dump",
            sample.dbpath().toString(),
            "--mongod",
            RestoreProcess.standIn().toString(),
            "-o",
            work.resolve("out").toString()));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** Runs restore to the end on pipes; stdout and stderr byte for byte. */
  private record Raw(int exit, String stdout, String stderr) {}

  private Raw runRaw(Map<String, String> env, String... args) throws Exception {
    ProcessBuilder pb = RestoreProcess.builder(env, args);
    Path out = work.resolve("stdout");
    Path err = work.resolve("stderr");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    if (!p.waitFor(RestoreProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
      throw new AssertionError("restore did not finish: " + Files.readString(err));
    }
    return new Raw(
        p.exitValue(),
        Files.readString(out, StandardCharsets.UTF_8),
        Files.readString(err, StandardCharsets.UTF_8));
  }

  @Test
  void openJsonPrintsOneObjectOnStdoutWhenReadyAsDocumented() throws Exception {
    try (RestoreProcess restore =
        RestoreProcess.start(
            env(),
            "open",
            sample.dbpath().toString(),
            "--mongod",
            RestoreProcess.standIn().toString(),
            "--json")) {
      String line = restore.awaitStdout(l -> l.startsWith("{"));
      Map<String, Object> ready = Json.parseObject(line);
      Map<String, Object> documented = JsonDocs.example("open");
      assertThat(ready.keySet()).containsExactlyElementsOf(documented.keySet());
      assertThat(ready.get("mongodPort").toString())
          .isEqualTo(Integer.toString(restore.mongodPort()));
      assertThat(ready.get("mongodPid").toString()).isEqualTo(Long.toString(restore.mongodPid()));
      assertThat(ready.get("kmipPort").toString())
          .isEqualTo(Integer.toString(restore.kmipPort().orElseThrow()));
      assertThat((String) ready.get("uri"))
          .isEqualTo("mongodb://127.0.0.1:" + restore.mongodPort() + "/?directConnection=true");
      assertThat(ready)
          .containsEntry("dbpath", sample.dbpath().toAbsolutePath().toString())
          .containsEntry("keyId", sample.keyId())
          .containsEntry("provider", "local");
      assertThat((String) ready.get("sessionId")).startsWith("session-");
      restore.signal("TERM");
      RestoreProcess.Finished done = restore.finish();
      assertThat(done.exit()).as(done.transcript()).isZero();
      assertThat(done.stdout()).as("only the JSON line on stdout").containsExactly(line);
    }
  }

  @Test
  void quietSuccessPrintsNothingAtAll() throws Exception {
    Path summary = work.resolve("summary.json");
    Raw r = runRaw(env(), dump("--quiet", "-j", "4", "--summary-json", summary.toString()));
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stdout()).isEmpty();
    assertThat(r.stderr()).isEmpty();
    assertThat(work.resolve("out/shop/orders.bson")).exists();
    // the summary of a whole session: the snapshot's key id and mongod's version are known
    Map<String, Object> s = Json.parseObject(Files.readString(summary));
    assertThat(s)
        .containsEntry("ok", true)
        .containsEntry("status", "ok")
        .containsEntry("snapshotKeyId", sample.keyId())
        .containsEntry("mongodVersion", "8.0.4");
    @SuppressWarnings("unchecked")
    Map<String, Object> dump = (Map<String, Object>) s.get("dump");
    assertThat(dump).containsEntry("ok", true).containsEntry("format", "directory");
  }

  @Test
  void quietHidesTheShutdownLadderButNotAKilledMongod() throws Exception {
    Map<String, String> stuck = new HashMap<>(env());
    stuck.put("STANDIN_IGNORE_SHUTDOWN_COMMAND", "1");
    stuck.put("STANDIN_IGNORE_SIGTERM", "1");
    stuck.put(RestoreSession.SHUTDOWN_TIMEOUT_ENV, "1");
    Raw r = runRaw(stuck, dump("--quiet"));
    assertThat(r.exit()).as(r.stderr()).isZero(); // the dump itself verified
    assertThat(r.stderr().lines())
        .as("one line: the warning that mongod was killed; no status or ladder lines")
        .singleElement(org.assertj.core.api.InstanceOfAssertFactories.STRING)
        .contains("restore: WARNING: ")
        .contains("was KILLED (SIGKILL)")
        .contains("its data files may be damaged");
  }

  @Test
  void offATerminalLinesAreTimestampedAuditLinesGoToTheSessionLogOnly() throws Exception {
    Map<String, String> slow = new HashMap<>(env());
    slow.put("STANDIN_STARTUP_DELAY_MS", "10500"); // one start-up status line is due after 10 s
    Raw r = runRaw(slow, dump());
    assertThat(r.exit()).as(r.stderr()).isZero();
    assertThat(r.stderr()).doesNotContain("\r", "\u001b");
    assertThat(r.stderr().lines()).allMatch(l -> STAMPED.matcher(l).matches());
    assertThat(r.stderr())
        .containsOnlyOnce("restore: mongod fetched the master key")
        .doesNotContain("op=Get")
        .contains("dump complete and verified")
        .containsPattern("Z restore: mongod starting \\(1\\d s\\): ");
    Path log;
    try (Stream<Path> logs = Files.list(state.resolve("logs"))) {
      log = logs.findFirst().orElseThrow();
    }
    assertThat(Files.readString(log))
        .contains("restore: audit: ", "op=Get", "result=Success")
        .contains("dump complete and verified");

    Raw verbose = runRaw(env(), dump("-v", "--overwrite"));
    assertThat(verbose.exit()).as(verbose.stderr()).isZero();
    assertThat(verbose.stderr()).contains("restore: audit: ").contains("op=Get");
  }

  /**
   * In a pseudo-terminal a -j 4 dump redraws one line per running collection and a total line in
   * place; when it is over the screen lists every collection once and no progress line is left.
   */
  @Test
  void aTerminalShowsLiveLinesPerCollectionAndTheFinalScreenListsEachOnce() throws Exception {
    Path typescript = work.resolve("typescript");
    ProcessBuilder child = RestoreProcess.builder(env(), dump("-j", "4"));
    Map<String, String> env = new HashMap<>(child.environment());
    env.put("TERM", "xterm");
    env.put("COLUMNS", "200");
    env.put("STANDIN_STARTUP_DELAY_MS", "2500"); // long enough for the start-up status line
    env.remove("NO_COLOR");
    ProcessBuilder pb =
        new ProcessBuilder(
            "script",
            "-q",
            "-e",
            "-f",
            "-c",
            ShellQuote.join(child.command()),
            typescript.toString());
    pb.environment().clear();
    pb.environment().putAll(env);
    pb.redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    pb.redirectOutput(ProcessBuilder.Redirect.DISCARD);
    pb.redirectError(work.resolve("script.err").toFile());
    Process p = pb.start();
    assertThat(p.waitFor(RestoreProcess.PATIENCE.toSeconds(), TimeUnit.SECONDS)).isTrue();
    String raw = Files.readString(typescript, StandardCharsets.UTF_8);
    // script's own header and trailer lines
    String output =
        raw.substring(raw.indexOf('\n') + 1).replaceAll("\nScript done[^\n]*\n?$", "\n");
    assertThat(p.exitValue()).as(output).isZero();

    // Every redraw: the live block drawn after an erase holds at most 4 running collections
    // (-j 4), each once, and ends with the total line.
    String[] frames = output.split("\u001b\\[\\d+A\r\u001b\\[J");
    int framesWithRunningLines = 0;
    for (String frame : frames) {
      List<String> live =
          frame.lines().map(l -> l.replace("\r", "")).filter(l -> l.startsWith("  ")).toList();
      if (live.isEmpty() || !frame.contains("  total ")) {
        continue;
      }
      List<String> running = live.subList(0, live.size() - 1);
      assertThat(live.get(live.size() - 1)).startsWith("  total ");
      assertThat(running).hasSizeLessThanOrEqualTo(4);
      assertThat(running.stream().map(l -> l.trim().split("\\s+")[0]).distinct().count())
          .isEqualTo(running.size());
      if (!running.isEmpty()) {
        framesWithRunningLines++;
      }
    }
    assertThat(framesWithRunningLines).as(output).isPositive();

    List<String> screen = Screen.replay(output.replace("\r\n", "\n"));
    for (String ns : COLLECTIONS) {
      assertThat(
              screen.stream()
                  .filter(
                      l ->
                          l.matches(
                              "dumped( \\(view, metadata only\\))? " + Pattern.quote(ns) + ":.*")))
          .as(String.join("\n", screen))
          .hasSize(1);
    }
    assertThat(screen).noneMatch(l -> l.startsWith("  "));
    assertThat(output).contains("restore: mongod starting (1 s): ");
    assertThat(screen)
        .as("replaced in place, then removed")
        .noneMatch(l -> l.contains("starting ("));
    assertThat(screen.get(screen.size() - 1)).startsWith("restore: mongod stopped");
    assertThat(screen).anyMatch(l -> l.startsWith("dump complete and verified"));
  }
}
