package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.ExitCode;
import io.restore.json.Json;
import io.restore.process.Launcher;
import io.restore.session.StopSignals;
import io.restore.source.atlas.AtlasContract;
import io.restore.testkit.atlas.AtlasApiDouble;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code restore atlas snapshots}: the table, --json as docs/json-output.md shows it, errors. */
class AtlasSnapshotsCommandTest {
  AtlasApiDouble atlas;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void start() throws Exception {
    atlas = new AtlasApiDouble(new byte[0], new AtlasContract());
  }

  @AfterEach
  void stop() {
    atlas.close();
    assertThat(atlas.violations()).isEmpty();
  }

  int run(Map<String, String> env, String... args) {
    CommandLine cmd = Main.commandLine(Wiring.of(env, Launcher.system(), StopSignals::manual));
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--atlas-base-url";
    all[args.length + 1] = atlas.baseUrl().toString();
    all[args.length + 2] = "--atlas-ca-file";
    all[args.length + 3] = atlas.caFile().toString();
    return cmd.execute(all);
  }

  static final Map<String, String> SERVICE_ACCOUNT =
      Map.of(
          "MONGODB_ATLAS_CLIENT_ID", AtlasApiDouble.CLIENT_ID,
          "MONGODB_ATLAS_CLIENT_SECRET", AtlasApiDouble.CLIENT_SECRET);

  @Test
  void listsTheSnapshotsNewestFirst() {
    int code = run(SERVICE_ACCOUNT, "atlas", "snapshots", AtlasApiDouble.PROJECT + "/Cluster0");
    assertThat(code).as(err.toString()).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines.get(0)).startsWith("ID").contains("CREATED", "STATUS", "SIZE", "ENCRYPTION");
    assertThat(lines).hasSize(8);
    assertThat(lines.get(1))
        .startsWith(atlas.snapshots().get(0).id())
        .contains("2026-12-02T03:00:00Z", "inProgress");
    assertThat(lines.get(2))
        .contains("completed", "976.6 KiB", "customer key " + AtlasApiDouble.MASTER_KEY_UUID);
  }

  @Test
  void jsonHasTheDocumentedShape() throws Exception {
    int code =
        run(
            Map.of(
                "MONGODB_ATLAS_PUBLIC_API_KEY", AtlasApiDouble.PUBLIC_KEY,
                "MONGODB_ATLAS_PRIVATE_API_KEY", AtlasApiDouble.PRIVATE_KEY),
            "atlas",
            "snapshots",
            AtlasApiDouble.PROJECT + "/Cluster0",
            "--json");
    assertThat(code).as(err.toString()).isZero();
    Map<String, Object> actual = Json.parseObject(out.toString());
    Map<String, Object> documented = JsonDocs.example("atlas-snapshots");
    JsonOutputDocsTest.assertSameShape(actual, documented);
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> list = (List<Map<String, Object>>) actual.get("snapshots");
    @SuppressWarnings("unchecked")
    Map<String, Object> doc0 = ((List<Map<String, Object>>) documented.get("snapshots")).get(0);
    assertThat(list).hasSize(7);
    JsonOutputDocsTest.assertSameShape(list.get(1), doc0);
    assertThat(list.get(0)).containsEntry("status", "inProgress").containsEntry("sizeBytes", null);
  }

  @Test
  void noCredentialsIsAUsageErrorNamingTheFlagsAndVariables() {
    int code = run(Map.of(), "atlas", "snapshots", AtlasApiDouble.PROJECT + "/Cluster0");
    assertThat(code).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("needs Atlas Administration API credentials")
        .contains("MONGODB_ATLAS_CLIENT_ID");
  }

  @Test
  void anApiRefusalExitsElevenWithTheErrorCodeAndNoSecret() {
    atlas.failNext(403, "USER_UNAUTHORIZED", "The current user is not authorized.");
    int code = run(SERVICE_ACCOUNT, "atlas", "snapshots", AtlasApiDouble.PROJECT + "/Cluster0");
    assertThat(code).isEqualTo(ExitCode.ATLAS.value());
    assertThat(err.toString())
        .contains("HTTP 403 USER_UNAUTHORIZED")
        .contains("Project Read Only")
        .doesNotContain(AtlasApiDouble.CLIENT_SECRET)
        .doesNotContain("Exception");
  }
}
