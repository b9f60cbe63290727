package io.restore.testkit.mongod;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in's lifecycle as mongod's: shutdown, signals, the dbpath lock, fault switches. */
class StandInLifecycleTest {
  @TempDir Path dbpath;

  private StandInRun start(Map<String, String> env, String... extra) throws Exception {
    String[] args = new String[extra.length + 4];
    args[0] = "--dbpath";
    args[1] = dbpath.toString();
    args[2] = "--port";
    args[3] = "0";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return StandInRun.start(env, args);
  }

  @Test
  void shutdownCommandExitsZeroAfterLoggingShutdown() throws Exception {
    try (StandInRun mongod = start(Map.of())) {
      int port = mongod.port();
      assertThat(Files.readString(dbpath.resolve("mongod.lock")).trim())
          .isEqualTo(String.valueOf(mongod.process.pid()));
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
        assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
            .isEqualTo(1.0);
        try {
          client.getDatabase("admin").runCommand(new Document("shutdown", 1));
        } catch (RuntimeException expected) {
          // mongod closes the connection instead of answering
        }
      }
      assertThat(mongod.awaitExit()).isZero();
      assertThat(mongod.logLine(23138)).get().asString().contains("\"exitCode\":0");
      assertThat(dbpath.resolve("mongod.lock")).isEmptyFile();
    }
  }

  @Test
  void sigtermAndSigintExitZero() throws Exception {
    for (String signal : new String[] {"TERM", "INT"}) {
      try (StandInRun mongod = start(Map.of())) {
        mongod.port();
        mongod.signal(signal);
        assertThat(mongod.awaitExit()).as(signal).isZero();
        assertThat(mongod.logLine(23377)).as(signal).isPresent();
        assertThat(mongod.logLine(23138)).as(signal).get().asString().contains("\"exitCode\":0");
      }
    }
  }

  @Test
  void secondInstanceOnALockedDbpathExits100() throws Exception {
    try (StandInRun first = start(Map.of())) {
      first.port();
      try (StandInRun second = start(Map.of())) {
        assertThat(second.awaitExit()).isEqualTo(100);
        assertThat(second.awaitLog(20557)).contains("\"s\":\"F\"").contains("DBPathInUse");
      }
      assertThat(first.process.isAlive()).isTrue();
    }
  }

  @Test
  void exitOnStartSwitchExitsWithTheGivenCodeAndItsLogLine() throws Exception {
    int[][] cases = {{48, 22856}, {62, 20573}, {100, 20557}};
    for (int[] c : cases) {
      try (StandInRun mongod = start(Map.of("STANDIN_EXIT_ON_START", String.valueOf(c[0])))) {
        assertThat(mongod.awaitExit()).isEqualTo(c[0]);
        assertThat(mongod.logLine(c[1])).as("log id %d", c[1]).isPresent();
        assertThat(mongod.logLine(23016)).isEmpty();
      }
    }
  }

  @Test
  void crashSwitchExits14AfterReadyAndLeavesThePidInTheLock() throws Exception {
    try (StandInRun mongod = start(Map.of("STANDIN_CRASH_AFTER_SECONDS", "0.2"))) {
      mongod.port();
      assertThat(mongod.awaitExit()).isEqualTo(14);
      assertThat(mongod.logLine(23089)).get().asString().contains("\"s\":\"F\"");
      assertThat(Files.readString(dbpath.resolve("mongod.lock")).trim())
          .isEqualTo(String.valueOf(mongod.process.pid()));
    }
  }

  @Test
  void ignoreSigtermSwitchKeepsRunningUntilTheShutdownCommand() throws Exception {
    try (StandInRun mongod = start(Map.of("STANDIN_IGNORE_SIGTERM", "1"))) {
      int port = mongod.port();
      mongod.signal("TERM");
      mongod.awaitLog(23377);
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
        // still serving after SIGTERM
        assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
            .isEqualTo(1.0);
        try {
          client.getDatabase("admin").runCommand(new Document("shutdown", 1));
        } catch (RuntimeException expected) {
          // connection closed
        }
      }
      assertThat(mongod.awaitExit()).isZero();
    }
  }

  @Test
  void slowStartupSwitchHoldsThePortClosedUntilTheDelayEnds() throws Exception {
    try (StandInRun mongod = start(Map.of("STANDIN_STARTUP_DELAY_MS", "600000"))) {
      mongod.awaitLog(21951);
      mongod.signal("TERM"); // during the delay: a clean exit without ever listening
      assertThat(mongod.awaitExit()).isZero();
      assertThat(mongod.logLine(23016)).isEmpty();
    }
  }

  @Test
  void logpathWritesTheLogToAFile() throws Exception {
    Path log = dbpath.resolve("mongod.log");
    try (StandInRun mongod = start(Map.of(), "--logpath", log.toString())) {
      org.awaitility.Awaitility.await()
          .atMost(java.time.Duration.ofSeconds(60))
          .until(() -> Files.exists(log) && Files.readString(log).contains("\"id\":23016"));
      mongod.signal("TERM");
      assertThat(mongod.awaitExit()).isZero();
      assertThat(mongod.lines()).noneMatch(l -> l.contains("\"id\":4615611"));
      assertThat(Files.readString(log)).contains("\"id\":4615611").contains("\"id\":23138");
    }
  }

  @Test
  void encryptedDataWithoutEnableEncryptionExits14() throws Exception {
    Files.createDirectories(dbpath.resolve("key.store/abc"));
    try (StandInRun mongod = start(Map.of())) {
      assertThat(mongod.awaitExit()).isEqualTo(14);
      assertThat(mongod.output()).contains("\"s\":\"F\"").contains("--enableEncryption");
    }
  }
}
