package io.restore.cli;

import static org.assertj.core.api.Assertions.assertThat;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.restore.ExitCode;
import io.restore.dump.DumpOutput;
import io.restore.dump.DumpRequest;
import io.restore.dump.DumpTool;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DumpCommandTest {
  @TempDir Path tmp;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(err, true));
    return cmd.execute(args);
  }

  @Test
  void anOutputThatIsTakenIsRefusedBeforeMongodIsLookedForOrTheKeyDecrypted() throws Exception {
    long seed = 85;
    var sample =
        io.restore.testkit.sample.SampleSnapshotGenerator.generateLocal(
            tmp.resolve("snap"),
            io.restore.testkit.sample.SampleSnapshotGenerator.keyIdFor(seed),
            io.restore.testkit.sample.SampleSnapshotGenerator.masterKeyFor(seed),
            io.restore.testkit.sample.SampleSnapshotGenerator.Spec.small(seed),
            tmp.resolve("keys/snap.key"),
            false);
    Path taken = Files.createDirectories(tmp.resolve("taken"));
    Files.writeString(taken.resolve("old.bson"), "old");

    int code =
        run(
            "dump",
            sample.dbpath().toString(),
            "--out",
            taken.toString(),
            "--mongod",
            tmp.resolve("no-such-mongod").toString());

    assertThat(code).as(err.toString()).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString())
        .contains("output " + taken + " already exists and is not empty")
        .doesNotContain("mongod not found")
        .doesNotContain("master key");
    assertThat(taken.resolve("old.bson")).hasContent("old");
  }

  @Test
  void dumpsARunningServerAndWritesASummaryForCron() throws Exception {
    MongoServer server = new MongoServer(new MemoryBackend());
    try {
      var addr = server.bind();
      String uri = "mongodb://127.0.0.1:" + addr.getPort() + "/?serverSelectionTimeoutMS=2000";
      try (var client = com.mongodb.client.MongoClients.create(uri)) {
        client
            .getDatabase("shop")
            .getCollection("orders")
            .insertOne(new org.bson.Document("_id", 1));
      }
      Path summary = tmp.resolve("s.json");
      int code =
          run(
              "dump",
              "--uri",
              uri,
              "--out",
              tmp.resolve("d").toString(),
              "--gzip",
              "--summary-json",
              summary.toString());
      assertThat(code).as(err.toString()).isZero();
      assertThat(err.toString())
          .contains("dumped shop.orders: 1 documents")
          .contains("dump complete and verified");
      assertThat(tmp.resolve("d/shop/orders.bson.gz")).exists();
      assertThat(Files.readString(summary)).contains("\"ok\": true").contains("\"verified\"");
    } finally {
      server.shutdownNow();
    }
  }

  @Test
  void aSnapshotDbpathOpensTheSnapshotFirstAndFailsBeforeDumpingWhenItIsNotOne() {
    assertThat(run("dump", tmp.toString(), "--out", tmp.resolve("o").toString()))
        .isEqualTo(ExitCode.SNAPSHOT.value());
    assertThat(err.toString()).contains("key.store");
    assertThat(tmp.resolve("o")).doesNotExist();
  }

  @Test
  void badOptionCombinationsAreUsageErrors() {
    assertThat(run("dump", "--uri", "mongodb://x")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("no output given");
    assertThat(run("dump", "--uri", "mongodb://x", "--out", "a", "--archive=b"))
        .isEqualTo(ExitCode.USAGE.value());
    assertThat(run("dump", "--uri", "mongodb://x", "--out", "a", "--collection", "c"))
        .isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("--collection needs --db");
    assertThat(run("dump", "--out", "a")).isEqualTo(ExitCode.USAGE.value());
    assertThat(err.toString()).contains("nothing to dump");
    assertThat(run("dump", "--uri", "mongodb://x", "--archive", "--format", "jsonl"))
        .isEqualTo(ExitCode.USAGE.value());
  }

  @Test
  void optionsBecomeARequest() {
    DumpOptions o = new DumpOptions();
    new CommandLine(o)
        .parseArgs(
            "--archive=/b/x.gz",
            "--gzip",
            "-j",
            "2",
            "--db",
            "shop",
            "--exclude-collection",
            "a",
            "--exclude-collection",
            "b",
            "--dump-tool",
            "mongodump");
    DumpRequest r = o.toRequest();
    assertThat(r.output()).isEqualTo(DumpOutput.Archive.toFile(Path.of("/b/x.gz")));
    assertThat(r.gzip()).isTrue();
    assertThat(r.parallelCollections()).isEqualTo(2);
    assertThat(r.filter().excludeCollections()).containsExactly("a", "b");
    assertThat(r.tool()).isEqualTo(DumpTool.MONGODUMP);
    DumpOptions bare = new DumpOptions();
    new CommandLine(bare).parseArgs("--archive");
    assertThat(bare.toRequest().output()).isEqualTo(DumpOutput.Archive.toStdout());
    DumpOptions forOpen = new DumpOptions(); // restore open --dump-to DIR names the output itself
    new CommandLine(forOpen).parseArgs("--format", "jsonl", "--json-format", "canonical");
    assertThat(forOpen.toRequest(new DumpOutput.Directory(Path.of("/d"))).output())
        .isEqualTo(new DumpOutput.Jsonl(Path.of("/d"), DumpOutput.JsonFormat.CANONICAL));
  }
}
