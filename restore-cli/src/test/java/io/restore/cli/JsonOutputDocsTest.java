package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.json.Json;
import io.restore.mongod.ProcessIdentity;
import io.restore.mongod.session.SessionRecord;
import io.restore.testkit.ProjectPaths;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The JSON outputs match docs/json-output.md: same fields, same types (the JSON of a running {@code
 * open --json} is checked end to end in CliOutputTest).
 */
class JsonOutputDocsTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  /** Same keys in the same order, and each value of the same JSON type (null matches anything). */
  static void assertSameShape(Map<String, Object> actual, Map<String, Object> documented) {
    assertThat(actual.keySet()).containsExactlyElementsOf(documented.keySet());
    for (var e : documented.entrySet()) {
      Object a = actual.get(e.getKey());
      Object d = e.getValue();
      if (a != null && d != null) {
        assertThat(a.getClass()).as(e.getKey()).isEqualTo(d.getClass());
      }
    }
  }

  @Test
  void summaryJsonIsWrittenForAnEarlyUsageErrorAndMatchesTheDocs() throws Exception {
    Path file = tmp.resolve("reports/summary.json");
    int code =
        run(
            "dump",
            "--uri",
            "mongodb://127.0.0.1:1/",
            "--out",
            tmp.resolve("o").toString(),
            "--collection",
            "c",
            "--summary-json",
            file.toString());
    assertThat(code).isEqualTo(ExitCode.USAGE.value());
    Map<String, Object> s = Json.parseObject(Files.readString(file));
    assertSameShape(s, JsonDocs.example("summary"));
    assertThat(s)
        .containsEntry("ok", false)
        .containsEntry("status", "failed")
        .containsEntry("error", "--collection needs --db");
    assertThat(s.get("exitCode").toString()).isEqualTo("2");
    assertThat((String) s.get("toolVersion")).startsWith("restore ");
    try (var left = Files.list(file.getParent())) {
      assertThat(left.map(p -> p.getFileName().toString())).containsExactly("summary.json");
    }
  }

  @Test
  void summaryJsonIsWrittenWhenTheSnapshotCannotBeRead() throws Exception {
    Path file = tmp.resolve("s.json");
    int code =
        run(
            "dump",
            tmp.toString(),
            "-o",
            tmp.resolve("o").toString(),
            "--summary-json",
            file.toString());
    assertThat(code).isEqualTo(ExitCode.SNAPSHOT.value());
    Map<String, Object> s = Json.parseObject(Files.readString(file));
    assertThat(s.get("exitCode").toString()).isEqualTo(Integer.toString(ExitCode.SNAPSHOT.value()));
    assertThat((String) s.get("error")).contains("key.store");
    assertThat(s.get("dump")).isNull();
  }

  @Test
  void psJsonMatchesTheDocs() throws Exception {
    Path state = tmp.resolve("state");
    assertThat(run("ps", "--json", "--state-dir", state.toString())).isZero();
    assertThat(Json.parseObject(out.toString())).containsEntry("sessions", List.of());
    SessionRecord r =
        new SessionRecord(
            Path.of("/restores/snap"),
            ProcessIdentity.current(),
            OptionalInt.of(41137),
            39401,
            Path.of("/run/restore/session-1"),
            ProcessIdentity.current(),
            Instant.parse("2026-12-03T07:40:12.019Z"));
    Map<String, Object> parsed = Json.parseObject(PsCommand.json(List.of(r)));
    @SuppressWarnings("unchecked")
    Map<String, Object> one = ((List<Map<String, Object>>) parsed.get("sessions")).get(0);
    @SuppressWarnings("unchecked")
    Map<String, Object> documented =
        ((List<Map<String, Object>>) JsonDocs.example("ps").get("sessions")).get(0);
    assertSameShape(one, documented);
    assertThat(one).containsEntry("leftover", false).containsEntry("sessionId", "session-1");
  }

  @Test
  void inspectJsonHasEveryDocumentedFieldAndNoUndocumentedOne() throws Exception {
    Path demo = ProjectPaths.root().resolve("samples/demo");
    run(
        "inspect",
        demo.toString(),
        "--json",
        "--key-file",
        ProjectPaths.root().resolve("samples/demo.key").toString());
    Map<String, Object> actual = Json.parseObject(out.toString());
    Map<String, Object> documented = JsonDocs.example("inspect");
    assertThat(actual.keySet()).containsAll(documented.keySet());
    String doc = Files.readString(ProjectPaths.root().resolve("docs/json-output.md"));
    for (String key : actual.keySet()) {
      assertThat(doc)
          .as("docs/json-output.md documents inspect's " + key)
          .contains("`" + key + "`");
    }
  }
}
