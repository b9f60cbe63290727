package io.restore.testkit.mongod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, in process: --version, unknown options, the Community switch. */
class StandInCommandLineTest {
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(Map<String, String> env, String... args) {
    return new MongodStandIn(
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            StandInHost.CHILD_PROCESS)
        .run(args);
  }

  @Test
  void versionPrintsLikeAnEnterpriseMongod() {
    assertThat(run(Map.of(), "--version")).isZero();
    String text = out.toString(StandardCharsets.UTF_8);
    assertThat(text).startsWith("db version v8.0.4\nBuild Info: {\n");
    assertThat(text).contains("\"modules\": [\n        \"enterprise\"\n    ]");
  }

  @Test
  void versionSwitchChangesTheReportedVersion() {
    assertThat(run(Map.of("STANDIN_VERSION", "7.0.14"), "--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("db version v7.0.14\n");
  }

  @Test
  void unknownOptionExits2WithMongodsMessage() {
    assertThat(run(Map.of(), "--dbpath", "/x", "--frobnicate")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("Error parsing command line: unrecognised option '--frobnicate'")
        .contains("try 'mongod --help' for more information");
  }

  @Test
  void communitySwitchRejectsEnableEncryptionWithExit2() {
    Map<String, String> community = Map.of("STANDIN_COMMUNITY", "1");
    assertThat(run(community, "--dbpath", "/x", "--enableEncryption")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("unrecognised option '--enableEncryption'");
  }

  @Test
  void communityVersionHasNoEnterpriseModule() {
    assertThat(run(Map.of("STANDIN_COMMUNITY", "1"), "--version")).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"modules\": []");
  }

  @Test
  void optionsTakeSpaceOrEqualsAndBooleansTakeAnOptionalValue() throws Exception {
    StandInOptions o =
        StandInOptions.parse(
            new String[] {
              "--dbpath=/d",
              "--port",
              "0",
              "--enableEncryption",
              "--kmipActivateKeys",
              "false",
              "--kmipUseLegacyProtocol",
              "--kmipServerName",
              "a,b",
              "--setParameter",
              "k=v=w",
              "--nounixsocket"
            },
            false);
    assertThat(o.dbpath().toString()).isEqualTo("/d");
    assertThat(o.port()).isZero();
    assertThat(o.kmipActivateKeys()).isFalse();
    assertThat(o.kmipUseLegacyProtocol()).isTrue();
    assertThat(o.kmipServerNames()).containsExactly("a", "b");
    assertThat(o.setParameters()).containsEntry("k", "v=w");
  }

  @Test
  void aYamlConfigFileGivesOptionsAsMongodDoesAndTheCommandLineWins(@TempDir Path dir)
      throws Exception {
    Path conf = dir.resolve("mongod.conf");
    Files.writeString(
        conf,
        "# restore's session config\n"
            + "security:\n"
            + "  enableEncryption: true\n"
            + "  kmip:\n"
            + "    clientCertificatePassword: \"p\\\"w \\\\ #x\\x01\"  # a comment\n"
            + "    port: 5697\n"
            + "storage:\n"
            + "  dbPath: '/from/config'\n");
    for (String[] args :
        List.of(
            new String[] {"--config", conf.toString(), "--dbpath", "/d"},
            new String[] {"-f", conf.toString(), "--dbpath=/d"},
            new String[] {"--dbpath", "/d", "--config=" + conf})) {
      StandInOptions o = StandInOptions.parse(args, false);
      assertThat(o.enableEncryption()).isTrue();
      assertThat(new String(o.kmipClientCertificatePassword())).isEqualTo("p\"w \\ #x\u0001");
      assertThat(o.kmipPort()).isEqualTo(5697);
      assertThat(o.dbpath().toString()).as("the command line wins").isEqualTo("/d");
    }
  }

  @Test
  void anUnknownConfigSettingOrAKmipSettingOfACommunityBuildExits2() throws Exception {
    Path dir = Files.createTempDirectory("standin-conf");
    try {
      Path conf = Files.writeString(dir.resolve("c.conf"), "security:\n  frobnicate: 1\n");
      assertThat(run(Map.of(), "--config", conf.toString())).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("Unrecognized option: security.frobnicate");
      Path kmip =
          Files.writeString(
              dir.resolve("k.conf"), "security:\n  kmip:\n    clientCertificatePassword: x\n");
      assertThat(run(Map.of("STANDIN_COMMUNITY", "1"), "-f", kmip.toString())).isEqualTo(2);
      assertThat(err.toString(StandardCharsets.UTF_8))
          .contains("Unrecognized option: security.kmip.clientCertificatePassword");
    } finally {
      try (var files = Files.list(dir)) {
        for (Path p : files.toList()) {
          Files.delete(p);
        }
      }
      Files.delete(dir);
    }
  }
}
