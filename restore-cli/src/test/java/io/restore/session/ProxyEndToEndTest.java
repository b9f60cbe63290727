package io.restore.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import io.restore.ExitCode;
import io.restore.testkit.mongod.StandInData;
import io.restore.testkit.mongod.StandInRun;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import io.restore.testkit.sample.SampleSnapshotGenerator.Sample;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code restore proxy} end to end, the first test as a real child process (SIGTERM, a second proxy
 * refused; the others in this JVM, {@link InJvmRestore}): the mongod stand-in (the strictest
 * mongod-style KMIP client we have) started by hand with the printed flags gets the key from our
 * KMIP server in every dialect mongod speaks (KMIP 1.2, legacy 1.0, with and without
 * GetAttributes(State)) and serves the data; PyKMIP fetches the key with the written PEM files;
 * SIGTERM stops the proxy and removes its files; errors before listening leave no files.
 */
class ProxyEndToEndTest {
  private static final Pattern LISTENING =
      Pattern.compile(Pattern.quote(ProxySession.READY_PREFIX) + "127\\.0\\.0\\.1:(\\d+)");
  private static final String PYTHON = "/usr/bin/python3";

  @TempDir static Path shared;
  static Sample sample;
  static byte[] masterKey;

  @TempDir Path state;
  @TempDir Path runtime;
  @TempDir Path certs;

  @BeforeAll
  static void generate() throws Exception {
    long seed = 83;
    masterKey = SampleSnapshotGenerator.masterKeyFor(seed);
    sample =
        SampleSnapshotGenerator.generateLocal(
            shared.resolve("snap"),
            SampleSnapshotGenerator.keyIdFor(seed),
            masterKey,
            SampleSnapshotGenerator.Spec.small(seed),
            shared.resolve("keys/snap.key"),
            false);
  }

  private RestoreProcess proxy(Path dbpath, String... extra) throws IOException {
    return proxy(RestoreProcess.baseEnv(state, runtime), dbpath, extra);
  }

  private RestoreProcess proxy(java.util.Map<String, String> env, Path dbpath, String... extra)
      throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "proxy", dbpath.toString(), "--cert-dir", certs.toString(), "--mongod-port", "0"));
    args.addAll(List.of(extra));
    return RestoreProcess.start(env, args.toArray(String[]::new));
  }

  /** {@code restore proxy} in this JVM ({@link InJvmRestore}). */
  private InJvmRestore proxyInJvm(Map<String, String> env, Path dbpath, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "proxy", dbpath.toString(), "--cert-dir", certs.toString(), "--mongod-port", "0"));
    args.addAll(List.of(extra));
    return InJvmRestore.start(InJvmRestore.env(state, runtime, env), args);
  }

  /** The printed mongod command line, as the user would copy it. */
  private static List<String> printedMongodArgs(RestoreProcess proxy) {
    String line = proxy.awaitStdout(l -> l.strip().startsWith("mongod --dbpath ")).strip();
    List<String> args = new ArrayList<>(Arrays.asList(line.split(" ")));
    args.remove(0); // "mongod"
    return args;
  }

  private static List<String> with(List<String> args, String option, String value) {
    List<String> out = new ArrayList<>(args);
    int i = out.indexOf(option);
    if (i >= 0) {
      out.set(i + 1, value);
    } else {
      out.addAll(List.of(option, value));
    }
    return out;
  }

  @Test
  void theStandInGetsTheKeyInEveryKmipDialectAndSigtermRemovesTheFiles() throws Exception {
    // -v: the KMIP audit lines go to stderr as well as the session log
    try (RestoreProcess proxy = proxy(sample.dbpath(), "-v")) {
      Matcher m = LISTENING.matcher(proxy.awaitStdout(l -> LISTENING.matcher(l).find()));
      assertThat(m.find()).isTrue();
      int kmipPort = Integer.parseInt(m.group(1));
      List<String> printed = printedMongodArgs(proxy);
      assertThat(printed)
          .containsSubsequence("--kmipPort", Integer.toString(kmipPort))
          .containsSubsequence("--kmipServerCAFile", certs.resolve("kmipCA.pem").toString());
      assertThat(certs.resolve("kmipClient.pem")).exists();

      // 1. exactly the printed flags (KMIP 1.2, Get only): the stand-in serves every document
      try (StandInRun mongod = standIn(printed)) {
        try (MongoClient client =
            MongoClients.create(
                "mongodb://127.0.0.1:" + mongod.port() + "/?directConnection=true")) {
          long documents = 0;
          for (StandInData.StoredCollection c : sample.dataset().collections()) {
            documents += client.getDatabase(c.db()).getCollection(c.name()).countDocuments();
          }
          assertThat(documents).isEqualTo(sample.documentCount());
        }
        assertThat(mongod.stop()).as(mongod.output()).isZero();
      }

      // 2. GetAttributes(State) after Get, in KMIP 1.2 and in legacy 1.0, side by side on copies
      Path legacyCopy = copyOfSnapshot("legacy");
      try (StandInRun activate = standIn(with(printed, "--kmipActivateKeys", "true"));
          StandInRun legacy =
              standIn(
                  with(
                      with(
                          with(printed, "--dbpath", legacyCopy.toString()),
                          "--kmipActivateKeys",
                          "true"),
                      "--kmipUseLegacyProtocol",
                      "true"))) {
        activate.port();
        legacy.port();
        assertThat(activate.stop()).as(activate.output()).isZero();
        assertThat(legacy.stop()).as(legacy.output()).isZero();
      }
      assertThat(proxy.stderr().lines().filter(l -> l.contains("op=GetAttributes")))
          .as("audit lines of the State queries")
          .hasSize(2)
          .allMatch(l -> l.contains("result=Success"));

      // 3. a second proxy on the same snapshot is refused, and does not touch the first's files
      byte[] clientPem = Files.readAllBytes(certs.resolve("kmipClient.pem"));
      try (RestoreProcess second = proxy(sample.dbpath())) {
        RestoreProcess.Finished refused = second.finish();
        assertThat(refused.exit())
            .as(refused.transcript())
            .isEqualTo(ExitCode.SESSION_CONFLICT.value());
        assertThat(refused.stderr()).contains("another restore session is using", "next: ");
      }
      assertThat(certs.resolve("kmipClient.pem")).hasBinaryContent(clientPem);

      proxy.signal("TERM");

      assertThat(proxy.awaitExit()).as(proxy.transcript()).isZero();
      assertThat(proxy.stderr()).contains("certificate files removed");
      assertThat(listing(certs)).isEmpty();
      Leftovers.assertNotListening(kmipPort);
      Leftovers.assertNoSession(state);
    }
  }

  @Test
  void pyKmipFetchesTheServedKeyWithTheWrittenPemFiles(@TempDir Path work) throws Exception {
    requirePyKmip();
    Path script = work.resolve("get_served_key.py");
    try (InputStream in = getClass().getResourceAsStream("/pykmip/get_served_key.py")) {
      Files.copy(in, script);
    }
    try (InJvmRestore proxy = proxyInJvm(Map.of(), sample.dbpath())) {
      Matcher m = LISTENING.matcher(proxy.awaitStdout(l -> LISTENING.matcher(l).find()));
      assertThat(m.find()).isTrue();
      Process py =
          new ProcessBuilder(
                  PYTHON,
                  script.toString(),
                  "127.0.0.1",
                  m.group(1),
                  certs.resolve("kmipClient.pem").toString(),
                  certs.resolve("kmipCA.pem").toString(),
                  sample.keyId(),
                  HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(masterKey)))
              .redirectErrorStream(true)
              .start();
      String output = new String(py.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertThat(py.waitFor(60, TimeUnit.SECONDS)).isTrue();
      assertThat(output).as(output).contains("OK get", "OK state", "ALL OK");

      proxy.signal("INT");
      assertThat(proxy.awaitExit()).as(proxy.transcript()).isZero();
      assertThat(listing(certs)).isEmpty();
    }
  }

  @Test
  void errorsBeforeListeningExitNonZeroAndLeaveNoFiles() throws Exception {
    Path broken = copyOfSnapshot("broken");
    try (Stream<Path> metadata = Files.list(broken.resolve("cloudProviderCredentials"))) {
      Files.writeString(metadata.findFirst().orElseThrow(), "{\"keyFile\": ");
    }
    try (InJvmRestore bad = proxyInJvm(Map.of(), broken)) {
      assertThat(bad.awaitExit()).as(bad.transcript()).isEqualTo(ExitCode.SNAPSHOT.value());
      assertThat(bad.stderr()).contains(".local.metadata", "next: ");
      assertThat(bad.stdout().lines()).noneMatch(l -> l.startsWith(ProxySession.READY_PREFIX));
    }
    assertThat(listing(certs)).isEmpty();

    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        InJvmRestore busy =
            proxyInJvm(
                Map.of(), sample.dbpath(), "--kmip-port", Integer.toString(taken.getLocalPort()))) {
      assertThat(busy.awaitExit()).as(busy.transcript()).isEqualTo(ExitCode.PORT_IN_USE.value());
      assertThat(busy.stderr())
          .contains("the KMIP server cannot listen on 127.0.0.1:" + taken.getLocalPort())
          .contains("next: choose another port with --kmip-port");
    }
    assertThat(listing(certs)).isEmpty();

    Path notAFolder = Files.writeString(shared.resolve("state-file"), "");
    try (InJvmRestore stateless =
        proxyInJvm(Map.of("RESTORE_STATE_DIR", notAFolder.toString()), sample.dbpath())) {
      assertThat(stateless.awaitExit())
          .as(stateless.transcript())
          .isEqualTo(ExitCode.FAILURE.value());
      assertThat(stateless.stderr())
          .contains("cannot create the session state directory " + notAFolder)
          .contains("next: check that " + notAFolder + " is a folder you can write to")
          .doesNotContain("internal error")
          .doesNotContain("Exception"); // words for people, not Java class names
    }
    assertThat(listing(certs)).isEmpty();
    Leftovers.assertNoSession(state);
  }

  private static Path copyOfSnapshot(String name) throws IOException {
    Path target = shared.resolve(name);
    try (Stream<Path> walk = Files.walk(sample.dbpath())) {
      for (Path p : walk.toList()) {
        Path to = target.resolve(sample.dbpath().relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.getFileName().toString().equals("mongod.lock")) {
          Files.copy(p, to);
        }
      }
    }
    return target;
  }

  private static List<String> listing(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(Path::toString).toList();
    }
  }

  private static void requirePyKmip() throws Exception {
    boolean present;
    try {
      Process p = new ProcessBuilder(PYTHON, "-c", "import kmip").redirectErrorStream(true).start();
      p.getInputStream().readAllBytes();
      present = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      present = false;
    }
    if ("true".equals(System.getenv("CI")) && !present) {
      fail("PyKMIP is missing: install python3-pykmip for " + PYTHON);
    }
    assumeTrue(present, "PyKMIP (Debian python3-pykmip) is not installed for " + PYTHON);
  }

  /** The stand-in started by hand, as a user would start mongod after {@code restore proxy}. */
  private static StandInRun standIn(List<String> args) throws IOException {
    return StandInRun.start(Map.of(), args.toArray(String[]::new));
  }
}
