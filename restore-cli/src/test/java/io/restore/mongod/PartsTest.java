package io.restore.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.testkit.mongod.ScriptedMongod;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces: discovery, version probe, argv, log line parsing. */
class PartsTest {
  @TempDir Path dir;

  @Test
  void findsMongodByFlagThenEnvironmentThenPath() throws Exception {
    Path a = ScriptedMongod.in(dir.resolve("a")).write().binary();
    Path b = ScriptedMongod.in(dir.resolve("b")).write().binary();
    Path c = ScriptedMongod.in(dir.resolve("c")).write().binary();
    Map<String, String> env =
        Map.of("RESTORE_MONGOD", b.toString(), "PATH", c.getParent().toString());

    assertThat(MongodBinary.find(Optional.of(a), env).path()).isEqualTo(a);
    assertThat(MongodBinary.find(Optional.empty(), env).path()).isEqualTo(b);
    assertThat(MongodBinary.find(Optional.empty(), Map.of("PATH", "/nowhere:" + c.getParent())))
        .satisfies(m -> assertThat(m.path()).isEqualTo(c))
        .satisfies(m -> assertThat(m.foundBy()).isEqualTo("mongod on PATH"));
  }

  @Test
  void missingBinaryNamesWhatWasTriedAndWhereToGetEnterprise() {
    assertThatThrownBy(() -> MongodBinary.find(Optional.empty(), Map.of("PATH", "/nowhere")))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("/nowhere/mongod")
        .hasMessageContaining("$RESTORE_MONGOD")
        .satisfies(
            e -> assertThat(((RestoreException) e).exitCode()).isEqualTo(ExitCode.MONGOD_UNUSABLE))
        .satisfies(
            e ->
                assertThat(((RestoreException) e).nextStep())
                    .contains("mongodb.com/try/download/enterprise"));
    assertThatThrownBy(() -> MongodBinary.find(Optional.of(dir.resolve("nope")), Map.of()))
        .hasMessageContaining("--mongod " + dir.resolve("nope"));
  }

  @Test
  void probesEnterpriseVersion() {
    MongodBinary bin =
        new MongodBinary(ScriptedMongod.in(dir).enterprise("7.0.14").write().binary(), "test");
    MongodVersion v = MongodVersion.probe(bin, Duration.ofSeconds(10));
    assertThat(v).isEqualTo(new MongodVersion("7.0.14", 7, 0, true));
    assertThat(v.requireEnterprise(bin)).isSameAs(v);
  }

  @Test
  void refusesACommunityBuildWithAnExplanation() {
    MongodBinary bin =
        new MongodBinary(ScriptedMongod.in(dir).community("6.0.3").write().binary(), "test");
    MongodVersion v = MongodVersion.probe(bin, Duration.ofSeconds(10));
    assertThat(v.enterprise()).isFalse();
    assertThatThrownBy(() -> v.requireEnterprise(bin))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("Community 6.0.3")
        .hasMessageContaining("only MongoDB Enterprise");
  }

  @Test
  void refusesABinaryThatIsNotMongod() {
    MongodBinary bin =
        new MongodBinary(
            ScriptedMongod.in(dir).versionOutput("hello world", 3).write().binary(), "test");
    assertThatThrownBy(() -> MongodVersion.probe(bin, Duration.ofSeconds(10)))
        .isInstanceOf(RestoreException.class)
        .hasMessageContaining("exited with 3")
        .hasMessageContaining("hello world");
  }

  @Test
  void warnsOnMajorVersionMismatchOnly() {
    MongodVersion v7 = new MongodVersion("7.0.14", 7, 0, true);
    assertThat(v7.mismatchWarning(Optional.empty())).isEmpty();
    assertThat(v7.mismatchWarning(Optional.of("7.0.2"))).isEmpty();
    assertThat(v7.mismatchWarning(Optional.of("6.0.13"))).isEmpty();
    assertThat(v7.mismatchWarning(Optional.of("8.0.1")))
        .get()
        .asString()
        .contains("older than", "8.0");
    assertThat(v7.mismatchWarning(Optional.of("5.0.1"))).get().asString().contains("exit 62");
  }

  @Test
  void buildsTheDocumentedCommandLine() {
    var kmip =
        new MongodCommand.Kmip(
            "127.0.0.1", 5696, Path.of("/s/ca.pem"), Path.of("/s/client.pem"), Optional.of("pw"));
    var cmd =
        new MongodCommand(
            Path.of("/bin/mongod"),
            Path.of("/data/snap"),
            0,
            null,
            kmip,
            true,
            true,
            List.of("--quiet"));

    assertThat(String.join(" ", cmd.argv()))
        .isEqualTo(
            "/bin/mongod --dbpath /data/snap --port 0 --bind_ip 127.0.0.1 --enableEncryption"
                + " --kmipServerName 127.0.0.1 --kmipPort 5696 --kmipServerCAFile /s/ca.pem"
                + " --kmipClientCertificateFile /s/client.pem --kmipClientCertificatePassword pw"
                + " --kmipActivateKeys false --setParameter disableLogicalSessionCacheRefresh=true"
                + " --setParameter skipShardingConfigurationChecks=true --queryableBackupMode"
                + " --nounixsocket --quiet");
    assertThat(cmd.argv()).doesNotContain("--kmipKeyIdentifier");
    assertThat(cmd.display()).doesNotContain(" pw ").contains("<redacted>");
  }

  @Test
  void parsesMongodJsonLogLinesAndToleratesOthers() {
    LogLine l =
        LogLine.parse(
            "{\"t\":{\"$date\":\"2024-05-01T10:00:00.000+00:00\"},\"s\":\"I\",\"c\":\"NETWORK\","
                + "\"id\":23016,\"ctx\":\"listener\",\"msg\":\"Waiting for connections\","
                + "\"attr\":{\"port\":40123,\"ssl\":\"off\"}}");
    assertThat(l.json()).isTrue();
    assertThat(l.id()).isEqualTo(23016);
    assertThat(l.intAttr("port")).hasValue(40123);
    assertThat(l.context()).isEqualTo("listener");
    assertThat(l.time()).contains("2024-05-01");
    assertThat(LogLine.parse("{\"s\":\"F\",\"msg\":\"x\"}").isFatal()).isTrue();
    for (String odd :
        List.of(
            "",
            "plain text",
            "{not json",
            "{\"a\":1}",
            "{\"s\":\"I\",\"msg\":\"m\",\"id\":\"x\"}")) {
      assertThat(LogLine.parse(odd).raw()).isEqualTo(odd);
    }
  }

  @Test
  void masksSecretsBeforeALineIsStored() throws Exception {
    try (MongodLog log = MongodLog.to(dir.resolve("m.log"), 50, List.of("s3cret"))) {
      log.accept("options: --kmipClientCertificatePassword s3cret");
      assertThat(log.last(1).get(0).raw()).doesNotContain("s3cret");
    }
    assertThat(Files.readString(dir.resolve("m.log")))
        .doesNotContain("s3cret")
        .contains("<redacted>");
  }

  @Test
  void keepsABoundedTailButRemembersTheFirstLineOfEachId() {
    try (MongodLog log = MongodLog.to(dir.resolve("m.log"), 20, List.of())) {
      log.accept(ScriptedMongod.waitingForConnections(1234));
      for (int i = 0; i < 100; i++) {
        log.accept("line " + i);
      }
      assertThat(log.last(50)).hasSize(20);
      assertThat(log.first(23016)).isPresent();
    }
  }
}
