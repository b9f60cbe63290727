package io.restore.testkit.kms;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * The third-party AWS emulator moto (5.2.1, shipped in the machine image's pyenv Python), started
 * on 127.0.0.1 for tests with SigV4 and IAM checking on: {@code INITIAL_NO_AUTH_ACTION_COUNT=6}
 * lets {@code moto_setup.py} create an IAM user with an access key, a role and a KMS key; every
 * later request must be signed with real credentials. Start it once per test class: it takes a few
 * seconds.
 */
public final class MotoServer implements AutoCloseable {
  private static final int SETUP_CALLS = 6;

  /** What the setup created. */
  public record Account(String accessKeyId, String secretAccessKey, String roleArn, String keyArn) {
    @Override
    public String toString() {
      return "Account[" + accessKeyId + ", role " + roleArn + ", key " + keyArn + "]";
    }
  }

  private final Process process;
  private final URI endpoint;
  private final Path python;
  private final Path script;
  private final Account account;
  private final Path log;

  private MotoServer(Process process, URI endpoint, Path python, Path script, Path log)
      throws IOException {
    this.process = process;
    this.endpoint = endpoint;
    this.python = python;
    this.script = script;
    this.log = log;
    JsonObject a = run("setup", endpoint.toString());
    this.account =
        new Account(
            a.get("accessKeyId").getAsString(),
            a.get("secretAccessKey").getAsString(),
            a.get("roleArn").getAsString(),
            a.get("keyArn").getAsString());
  }

  /**
   * The Python that runs moto: {@code MOTO_PYTHON}, else the pyenv shim, else {@code python3} on
   * the PATH, whichever can {@code import moto}.
   */
  public static Optional<Path> findPython() {
    List<String> candidates = new ArrayList<>();
    Optional.ofNullable(System.getenv("MOTO_PYTHON")).ifPresent(candidates::add);
    candidates.add(System.getProperty("user.home") + "/.pyenv/shims/python3");
    candidates.add("/root/.pyenv/shims/python3");
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      candidates.add(dir + "/python3");
    }
    for (String c : candidates) {
      Path p = Path.of(c);
      if (Files.isExecutable(p) && canImportMoto(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  private static boolean canImportMoto(Path python) {
    try {
      Process p =
          new ProcessBuilder(python.toString(), "-c", "import moto.server, boto3")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Starts moto with {@code python -m moto.server} on a free loopback port and sets it up. */
  public static MotoServer start(Path python) throws IOException {
    return start(python, java.util.Map.of());
  }

  /**
   * As {@link #start(Path)}, with extra moto settings in the environment (for example {@code
   * S3_UPLOAD_PART_MIN_SIZE}, so multipart tests need not send 5 MiB parts).
   */
  public static MotoServer start(Path python, java.util.Map<String, String> settings)
      throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Path work = Files.createTempDirectory("moto");
    Path script = work.resolve("moto_setup.py");
    try (InputStream in = MotoServer.class.getResourceAsStream("moto_setup.py")) {
      Files.write(script, in.readAllBytes());
    }
    Path log = work.resolve("moto.log");
    ProcessBuilder pb =
        new ProcessBuilder(
                python.toString(),
                "-m",
                "moto.server",
                "-H",
                "127.0.0.1",
                "-p",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().put("INITIAL_NO_AUTH_ACTION_COUNT", Integer.toString(SETUP_CALLS));
    pb.environment().put("AWS_DEFAULT_REGION", "us-east-1");
    pb.environment().putAll(settings);
    Process p = pb.start();
    URI endpoint = URI.create("http://127.0.0.1:" + port);
    try {
      Awaitility.await("moto_server listening on " + endpoint)
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(100))
          .until(() -> !p.isAlive() || accepts(port));
      if (!p.isAlive()) {
        throw new IOException("moto_server exited: " + Files.readString(log));
      }
      return new MotoServer(p, endpoint, python, script, log);
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  private static boolean accepts(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 200);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  public URI endpoint() {
    return endpoint;
  }

  public Account account() {
    return account;
  }

  /** Encrypts with the account's KMS key through moto (boto3), as {@code Encrypt} does. */
  public byte[] encrypt(byte[] plaintext) throws IOException {
    JsonObject r =
        run(
            "encrypt",
            endpoint.toString(),
            account.accessKeyId(),
            account.secretAccessKey(),
            account.keyArn(),
            Base64.getEncoder().encodeToString(plaintext));
    return Base64.getDecoder().decode(r.get("ciphertext").getAsString());
  }

  private JsonObject run(String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.PIPE).start();
    try {
      byte[] out = p.getInputStream().readAllBytes();
      byte[] err = p.getErrorStream().readAllBytes();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IOException(
            "moto_setup.py " + args[0] + " failed: " + new String(err, StandardCharsets.UTF_8));
      }
      return JsonParser.parseString(new String(out, StandardCharsets.UTF_8)).getAsJsonObject();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }

  /** The server's output so far, for failure messages. */
  public String log() throws IOException {
    return Files.readString(log);
  }

  @Override
  public void close() {
    process.destroy();
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
