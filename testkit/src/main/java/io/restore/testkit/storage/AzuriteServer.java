package io.restore.testkit.storage;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * Azurite, Microsoft's Azure Storage emulator (npm package {@code azurite}, installed by
 * scripts/test), blob service only, started on a free 127.0.0.1 port with its data in a temporary
 * directory. Requests must be signed with the emulator's well-known account key.
 */
public final class AzuriteServer implements AutoCloseable {
  /** Azurite's fixed development account and its published key (not a secret). */
  public static final String ACCOUNT = "devstoreaccount1";

  public static final String KEY =
      "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

  private final Process process;
  private final URI endpoint;
  private final Path log;

  private AzuriteServer(Process process, URI endpoint, Path log) {
    this.process = process;
    this.endpoint = endpoint;
    this.log = log;
  }

  /** {@code azurite-blob} on the PATH (or {@code AZURITE_BLOB}), if installed. */
  public static Optional<Path> find() {
    String given = System.getenv("AZURITE_BLOB");
    if (given != null && Files.isExecutable(Path.of(given))) {
      return Optional.of(Path.of(given));
    }
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      Path p = Path.of(dir, "azurite-blob");
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  public static AzuriteServer start(Path azuriteBlob) throws IOException {
    return start(azuriteBlob, false);
  }

  /**
   * With {@code inMemory}, Azurite keeps blobs and blocks in memory ({@code --inMemoryPersistence})
   * instead of writing every block to its folder: the benchmark's choice, so the emulator's own
   * disk writes do not compete with the dump for the cores.
   */
  public static AzuriteServer start(Path azuriteBlob, boolean inMemory) throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path work = Files.createTempDirectory("azurite");
    Path log = work.resolve("azurite.log");
    List<String> cmd =
        new ArrayList<>(
            List.of(
                azuriteBlob.toString(),
                "--blobHost",
                "127.0.0.1",
                "--blobPort",
                Integer.toString(port),
                "--skipApiVersionCheck", // the SDK may be newer than the emulator
                "--disableProductStyleUrl"));
    if (inMemory) {
      cmd.add("--inMemoryPersistence"); // and no --location: Azurite refuses both
    } else {
      cmd.addAll(List.of("--location", work.resolve("data").toString()));
    }
    Process p =
        new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      Awaitility.await("azurite listening on port " + port)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !p.isAlive() || accepts(port));
      if (!p.isAlive()) {
        throw new IOException("azurite-blob exited: " + Files.readString(log));
      }
    } catch (RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
    return new AzuriteServer(p, URI.create("http://127.0.0.1:" + port + "/" + ACCOUNT), log);
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The blob endpoint, account included: {@code http://127.0.0.1:PORT/devstoreaccount1}. */
  public URI endpoint() {
    return endpoint;
  }

  /** A connection string for the SDK's own clients in tests. */
  public String connectionString() {
    return "DefaultEndpointsProtocol=http;AccountName="
        + ACCOUNT
        + ";AccountKey="
        + KEY
        + ";BlobEndpoint="
        + endpoint
        + ";";
  }

  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy(); // node: its own child processes end with it
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
