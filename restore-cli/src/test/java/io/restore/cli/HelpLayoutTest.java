package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.ProjectPaths;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

class HelpLayoutTest {
  private static String help(String... command) {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    String[] args = Stream.concat(Stream.of(command), Stream.of("--help")).toArray(String[]::new);
    assertThat(cmd.execute(args)).isZero();
    return out.toString();
  }

  @Test
  void openGroupsItsOptionsUnderHeadingsInOrder() {
    String h = help("open");
    List<String> headings =
        List.of(
            "What to open:",
            "mongod:",
            "Key source and credentials:",
            "KMIP server and certificates:",
            "The job:",
            "Dump:",
            "Output:");
    int at = -1;
    for (String heading : headings) {
      int next = h.indexOf("\n" + heading + "\n");
      assertThat(next).as(heading).isGreaterThan(at);
      at = next;
    }
    assertThat(h.substring(h.indexOf("mongod:\n"), h.indexOf("Key source")))
        .contains("--mongod-port", "--bind-ip", "--startup-timeout");
    assertThat(h.substring(h.indexOf("Output:\n"))).contains("--quiet", "--verbose", "--json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "open", "dump", "proxy", "inspect", "ps", "stop", "metadata"})
  void noHelpLineIsWiderThanTheTerminalSoExamplesNeverWrap(String command) {
    String h = command.isEmpty() ? help() : help(command);
    assertThat(h.lines()).allMatch(l -> l.length() <= 80, "at most 80 columns");
  }

  @Test
  void dumpHelpHasExamplesAndMongodumpsNames() {
    String h = help("dump");
    assertThat(h).contains("Examples:", "restore dump /data/snap --out /backups/snap");
    assertThat(h)
        .contains("-d, --db=<db>", "-c, --collection=<c>", "-o, --out=<dir>", "-q, --query=<json>")
        .contains("--numParallelCollections", "--excludeCollection", "--nsInclude", "--nsExclude")
        .contains("--excludeCollectionsWithPrefix");
  }

  @Test
  void oldSpellingsAreAcceptedButHidden() {
    assertThat(help("open")).doesNotContain("--port=").doesNotContainPattern("[\\s,]-dbpath=");
    assertThat(help("proxy")).contains("--bind-ip").doesNotContain("--bind=");
    // Atlas's -dbpath on open: accepted (the folder is then checked: exit 3, not a usage error)
    CommandLine cmd = Main.commandLine();
    cmd.setErr(new PrintWriter(new StringWriter(), true));
    assertThat(cmd.execute("open", "-dbpath", "/no/such/snapshot"))
        .isEqualTo(io.restore.ExitCode.SNAPSHOT.value());
    MongodOptions m = new MongodOptions();
    new CommandLine(m).parseArgs("--port", "27018");
    assertThat(m.port()).isEqualTo(27018);
    MongodOptions atlas = new MongodOptions();
    new CommandLine(atlas).parseArgs("-mongodPort", "27019");
    assertThat(atlas.port()).isEqualTo(27019);
    ProxyCommand proxy = new ProxyCommand(Wiring.system());
    new CommandLine(proxy).parseArgs("-mongodPort", "27020", "--bind", "127.0.0.2", "/snap");
    assertThat(proxy.mongodPortAlias).isEqualTo(27020);
    assertThat(proxy.bindAlias).isEqualTo("127.0.0.2");
  }

  /** Every RESTORE_* variable the code or scripts/restore reads is in the footer and the docs. */
  @Test
  void everyEnvironmentVariableIsListedInHelpAndDocs() throws IOException {
    Path root = ProjectPaths.root();
    Set<String> used = new TreeSet<>();
    Pattern var = Pattern.compile("RESTORE_[A-Z_]*[A-Z]");
    List<Path> sources;
    try (Stream<Path> files = Files.walk(root.resolve("restore-cli/src/main/java"))) {
      sources = files.filter(p -> p.toString().endsWith(".java")).toList();
    }
    for (Path p :
        Stream.concat(sources.stream(), Stream.of(root.resolve("scripts/restore"))).toList()) {
      Matcher m = var.matcher(Files.readString(p));
      while (m.find()) {
        used.add(m.group());
      }
    }
    assertThat(used).contains("RESTORE_MONGOD", "RESTORE_STATE_DIR", "RESTORE_JAVA_OPTS");
    String footer = help();
    String docs = Files.readString(root.resolve("docs/environment.md"));
    for (String v : used) {
      assertThat(footer).as("restore --help lists " + v).contains(v);
      assertThat(docs).as("docs/environment.md lists " + v).contains(v);
    }
  }
}
