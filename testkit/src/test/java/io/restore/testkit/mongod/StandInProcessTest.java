package io.restore.testkit.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The stand-in inside this JVM behaves as the child process does where restore looks. */
class StandInProcessTest {
  private static final Pattern PORT = Pattern.compile("\"id\":23016,.*\"port\":(\\d+)");

  @TempDir Path dbpath;

  private StandInProcess start(Map<String, String> env) {
    return StandInProcess.start(
        List.of("--dbpath", dbpath.toString(), "--port", "0", "--bind_ip", "127.0.0.1"), env);
  }

  /** Reads stdout up to log id 23016 and returns the port. */
  private static int port(StandInProcess p) throws Exception {
    BufferedReader r =
        new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    for (String line; (line = r.readLine()) != null; ) {
      Matcher m = PORT.matcher(line);
      if (m.find()) {
        return Integer.parseInt(m.group(1));
      }
    }
    throw new AssertionError("exited " + p.waitFor() + " without log id 23016");
  }

  private static String rest(StandInProcess p) throws Exception {
    return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
  }

  @Test
  void versionPrintsOnStdoutAndExitsZero() throws Exception {
    StandInProcess p = StandInProcess.start(List.of("--version"), Map.of());
    assertThat(rest(p)).startsWith("db version v8.0.4\n");
    assertThat(p.waitFor()).isZero();
    assertThat(p.isAlive()).isFalse();
  }

  @Test
  void destroyIsSigtermAndTheShutdownCommandWorksToo() throws Exception {
    StandInProcess p = start(Map.of());
    int port = port(p);
    assertThat(p.pid()).isEqualTo(ProcessHandle.current().pid());
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      assertThat(client.getDatabase("admin").runCommand(new Document("ping", 1)).get("ok"))
          .isEqualTo(1.0);
    }
    p.destroy();
    String log = rest(p);
    assertThat(p.waitFor()).isZero();
    assertThat(log).contains("\"id\":23377,", "\"id\":23138,");
    assertThat(dbpath.resolve("mongod.lock")).isEmptyFile();
    assertNotListening(port);
  }

  @Test
  void ignoredSigtermThenDestroyForciblyIsExit137AndFreesThePortAndTheLock() throws Exception {
    StandInProcess p = start(Map.of("STANDIN_IGNORE_SIGTERM", "1"));
    int port = port(p);
    p.destroy();
    assertThat(p.waitFor(300, TimeUnit.MILLISECONDS)).as("SIGTERM ignored").isFalse();
    p.destroyForcibly();
    assertThat(p.waitFor()).isEqualTo(137);
    assertNotListening(port);
    // the dbpath is free again for the next stand-in in this JVM
    StandInProcess next = start(Map.of());
    port(next);
    next.destroy();
    assertThat(next.waitFor()).isZero();
  }

  @Test
  void crashLogsTheFatalAssertionAndExits14() throws Exception {
    StandInProcess p = start(Map.of());
    int port = port(p);
    p.crash();
    assertThat(rest(p)).contains("\"id\":23089,");
    assertThat(p.waitFor()).isEqualTo(14);
    assertNotListening(port);
  }

  @Test
  void exitValueBeforeTheEndThrowsAsAProcessDoes() throws Exception {
    StandInProcess p = start(Map.of());
    port(p);
    assertThatThrownBy(p::exitValue).isInstanceOf(IllegalThreadStateException.class);
    p.destroy();
    assertThat(p.waitFor()).isZero();
    assertThat(Files.exists(dbpath.resolve("mongod.lock"))).isTrue();
  }

  private static void assertNotListening(int port) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThatThrownBy(
                        () -> {
                          try (Socket s = new Socket()) {
                            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                          }
                        })
                    .isInstanceOf(ConnectException.class));
  }
}
