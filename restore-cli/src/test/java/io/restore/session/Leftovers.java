package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.restore.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Collection;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import picocli.CommandLine;

/** What a finished session must not leave behind (issue 8: no process, port, record or file). */
final class Leftovers {
  private Leftovers() {}

  /** Every process restore had started has exited (within a few seconds: they were told to). */
  static void assertProcessesGone(Collection<ProcessHandle> processes) {
    await()
        .atMost(Duration.ofSeconds(20))
        .untilAsserted(
            () ->
                assertThat(processes.stream().filter(ProcessHandle::isAlive).map(Leftovers::show))
                    .as("processes still running")
                    .isEmpty());
  }

  private static String show(ProcessHandle p) {
    return p.pid() + " " + p.info().commandLine().orElse("?");
  }

  /** Nothing listens on these loopback ports any more. */
  static void assertNotListening(int... ports) {
    for (int port : ports) {
      assertThatThrownBy(
              () -> {
                try (Socket s = new Socket()) {
                  s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                }
              })
          .as("port %d still accepts connections", port)
          .isInstanceOf(ConnectException.class);
    }
  }

  /** {@code restore ps} on this state dir lists nothing and no record file is left. */
  static void assertNoSession(Path stateDir) throws IOException {
    StringWriter out = new StringWriter();
    CommandLine cmd = Main.commandLine();
    cmd.setOut(new PrintWriter(out, true));
    cmd.setErr(new PrintWriter(out, true));
    assertThat(cmd.execute("ps", "--state-dir=" + stateDir)).isZero();
    assertThat(out.toString()).contains("no restore sessions running");
    if (Files.isDirectory(stateDir)) {
      try (Stream<Path> files = Files.list(stateDir)) {
        assertThat(files.filter(f -> f.toString().endsWith(".session"))).isEmpty();
      }
    }
  }

  /** The session folders' parent ({@code $XDG_RUNTIME_DIR/restore}) holds nothing any more. */
  static void assertNoSessionFiles(Path runtimeDir) throws IOException {
    Path parent = runtimeDir.resolve("restore");
    if (!Files.exists(parent)) {
      return;
    }
    try (Stream<Path> files = Files.walk(parent)) {
      assertThat(files.filter(p -> !p.equals(parent)).map(Path::toString))
          .as("left in " + parent)
          .isEmpty();
    }
  }

  /** Relative path → SHA-256 of every file under {@code dir} (mongod.lock excluded: mongod's). */
  static Map<String, String> tree(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String name = dir.relativize(p).toString();
        if (!name.equals("mongod.lock")) {
          files.put(name, sha256(p));
        }
      }
    }
    return files;
  }

  private static String sha256(Path p) throws IOException {
    try (InputStream in = Files.newInputStream(p)) {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[65536];
      for (int n; (n = in.read(buf)) > 0; ) {
        md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The running session's mongod.log (in its private folder under {@code runtime}), or "" before it
   * exists or once the teardown removed it.
   */
  static String sessionMongodLog(Path runtime) throws IOException {
    Path parent = runtime.resolve("restore");
    if (!Files.isDirectory(parent)) {
      return "";
    }
    try (Stream<Path> dirs = Files.list(parent)) {
      for (Path d : dirs.toList()) {
        Path log = d.resolve("mongod.log");
        if (Files.isRegularFile(log)) {
          return Files.readString(log);
        }
      }
    }
    return "";
  }
}
