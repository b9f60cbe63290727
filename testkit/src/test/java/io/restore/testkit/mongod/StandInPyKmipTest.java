package io.restore.testkit.mongod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import io.restore.testkit.sample.SampleSnapshotGenerator;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bson.BsonDocument;
import org.bson.RawBsonDocument;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The stand-in gets its key from PyKMIP's reference server (an independent KMIP implementation),
 * preloaded through PyKMIP's own client, and fails like mongod (exit 14) when anything is wrong.
 */
class StandInPyKmipTest {
  static final byte[] SAMPLE_KEY = SampleSnapshotGenerator.masterKeyFor(7);
  static final byte[] OTHER_KEY = SampleSnapshotGenerator.masterKeyFor(8);

  @TempDir static Path pki;
  static Process pykmip;
  static int port;
  static String sampleUid;
  static String otherUid;

  @TempDir Path work;

  @BeforeAll
  static void startPyKmip() throws Exception {
    boolean available =
        new ProcessBuilder("/usr/bin/python3", "-c", "import kmip").start().waitFor() == 0;
    if (!available && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("/usr/bin/python3 with PyKMIP (python3-pykmip) is required in CI");
    }
    Assumptions.assumeTrue(available, "PyKMIP (python3-pykmip) is not installed");
    // the server certificate names only 127.0.0.1: "localhost" is the wrong host name
    TestPki.write(pki, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    Path script = pki.resolve("serve_keys.py");
    try (InputStream in = StandInPyKmipTest.class.getResourceAsStream("/pykmip/serve_keys.py")) {
      Files.copy(in, script);
    }
    // PyKMIP's server now and then never answers its own preloading client when the machine is
    // loaded (CI saw a 60 s stall once); a fresh server in a fresh folder then starts normally.
    String line = null;
    for (int attempt = 1; line == null; attempt++) {
      Path run = Files.createDirectories(pki.resolve("run-" + attempt));
      for (String f : List.of("ca.pem", "server.pem", "server.key", "client.pem", "client.key")) {
        Files.copy(pki.resolve(f), run.resolve(f));
      }
      line = startOnce(script, run, attempt == 3);
    }
    String[] parts = line.split(" ");
    port = Integer.parseInt(parts[1]);
    sampleUid = parts[2];
    otherUid = parts[3];
  }

  /**
   * One PyKMIP server in {@code dir}: its READY line, or null (and it is stopped) if late; the last
   * attempt waits longer and fails the class instead.
   */
  private static String startOnce(Path script, Path dir, boolean last) throws Exception {
    Duration patience = last ? Duration.ofSeconds(120) : Duration.ofSeconds(45);
    pykmip =
        new ProcessBuilder(
                "/usr/bin/python3",
                script.toString(),
                dir.toString(),
                HexFormat.of().formatHex(SAMPLE_KEY),
                HexFormat.of().formatHex(OTHER_KEY))
            .redirectError(dir.resolve("pykmip.err").toFile())
            .start();
    Process server = pykmip;
    AtomicReference<String> ready = new AtomicReference<>();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line; (line = r.readLine()) != null; ) {
                  if (line.startsWith("READY")) {
                    ready.set(line);
                  }
                }
              } catch (IOException e) {
                // ended
              }
            });
    reader.setDaemon(true);
    reader.start();
    try {
      await()
          .atMost(patience)
          .until(
              () -> {
                if (!server.isAlive()) {
                  throw new AssertionError(
                      "PyKMIP server exited: " + Files.readString(dir.resolve("pykmip.err")));
                }
                return ready.get() != null;
              });
      return ready.get();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      server.destroyForcibly().waitFor();
      if (last) {
        throw new AssertionError(
            "PyKMIP server not ready in "
                + patience
                + " (third attempt); its stderr: "
                + Files.readString(dir.resolve("pykmip.err")),
            e);
      }
      return null;
    }
  }

  @AfterAll
  static void stopPyKmip() throws Exception {
    if (pykmip != null) {
      pykmip.destroy();
      if (!pykmip.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
        pykmip.destroyForcibly();
      }
    }
  }

  /** A small sample whose key directory is named after the given KMIP UID. */
  private SampleSnapshotGenerator.Sample sample(String uid) throws IOException {
    return SampleSnapshotGenerator.generate(
        work.resolve("db"),
        uid,
        SAMPLE_KEY,
        SampleSnapshotGenerator.Spec.small(7),
        "local",
        Map.of("keyFile", "unused"));
  }

  private StandInRun start(Path dbpath, String... kmip) throws IOException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--dbpath",
                dbpath.toString(),
                "--port",
                "0",
                "--bind_ip",
                "127.0.0.1",
                "--enableEncryption",
                "--kmipPort",
                String.valueOf(port)));
    args.addAll(List.of(kmip));
    return StandInRun.inThisJvm(Map.of(), args.toArray(new String[0]));
  }

  private String[] goodKmip(String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--kmipServerName",
                "127.0.0.1",
                "--kmipServerCAFile",
                pki.resolve("ca.pem").toString(),
                "--kmipClientCertificateFile",
                pki.resolve("client-combined.pem").toString(),
                "--kmipActivateKeys",
                "false"));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  void servesEverySampleDocumentToTheDriverWithTheKeyFromPyKmip() throws Exception {
    SampleSnapshotGenerator.Sample sample = sample(sampleUid);
    try (StandInRun mongod = start(sample.dbpath(), goodKmip())) {
      int mongoPort = mongod.port();
      assertThat(mongod.logLine(20547)).isPresent(); // a replica-set member's files
      try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + mongoPort)) {
        long read = 0;
        for (var c : sample.dataset().collections()) {
          MongoDatabase db = client.getDatabase(c.db());
          List<BsonDocument> got =
              db.getCollection(c.name(), BsonDocument.class).find().into(new ArrayList<>());
          List<BsonDocument> expected = new ArrayList<>();
          for (byte[] raw : c.documents()) {
            expected.add(new RawBsonDocument(raw).decode(new org.bson.codecs.BsonDocumentCodec()));
          }
          assertThat(got).as(c.db() + "." + c.name()).containsExactlyElementsOf(expected);
          read += got.size();
        }
        assertThat(read).isEqualTo(sample.documentCount());
        BsonDocument status =
            client
                .getDatabase("admin")
                .runCommand(
                    new BsonDocument("serverStatus", new org.bson.BsonInt32(1)),
                    BsonDocument.class);
        assertThat(status.getDocument("encryptionAtRest").getString("encryptionKeyId").getValue())
            .isEqualTo(sampleUid);
      }
      mongod.signal("TERM");
      assertThat(mongod.awaitExit()).isZero();
    }
  }

  @Test
  void legacyProtocolStateCheckAndAnEncryptedClientKeyWork() throws Exception {
    SampleSnapshotGenerator.Sample sample = sample(sampleUid);
    try (StandInRun mongod =
        start(
            sample.dbpath(),
            "--kmipServerName",
            "127.0.0.1",
            "--kmipServerCAFile",
            pki.resolve("ca.pem").toString(),
            "--kmipClientCertificateFile",
            pki.resolve("client-encrypted.pem").toString(),
            "--kmipClientCertificatePassword",
            TestPki.PASSWORD,
            "--kmipUseLegacyProtocol",
            "true",
            "--queryableBackupMode")) {
      mongod.port();
      mongod.signal("TERM");
      assertThat(mongod.awaitExit()).isZero();
      assertThat(mongod.output()).doesNotContain(TestPki.PASSWORD);
    }
  }

  @Test
  void aWrongKeyExits14() throws Exception {
    // the data is encrypted with SAMPLE_KEY, but the key directory names OTHER_KEY's UID
    SampleSnapshotGenerator.Sample sample = sample(otherUid);
    try (StandInRun mongod = start(sample.dbpath(), goodKmip())) {
      assertThat(mongod.awaitExit()).isEqualTo(14);
      assertThat(mongod.output()).contains("\"s\":\"F\"").contains("wrong key");
      assertThat(mongod.logLine(23016)).isEmpty();
    }
  }

  @Test
  void anUntrustedServerCertificateExits14() throws Exception {
    Path otherPki = Files.createDirectories(work.resolve("other-pki"));
    TestPki.write(otherPki, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    SampleSnapshotGenerator.Sample sample = sample(sampleUid);
    try (StandInRun mongod =
        start(
            sample.dbpath(),
            "--kmipServerName",
            "127.0.0.1",
            "--kmipServerCAFile",
            otherPki.resolve("ca.pem").toString(),
            "--kmipClientCertificateFile",
            pki.resolve("client-combined.pem").toString())) {
      assertThat(mongod.awaitExit()).isEqualTo(14);
      assertThat(mongod.awaitLog(24240)).contains("127.0.0.1:" + port);
      assertThat(mongod.awaitLog(24241)).contains("\"s\":\"F\"");
    }
  }

  @Test
  void aServerCertificateWithoutTheHostInItsSanExits14() throws Exception {
    SampleSnapshotGenerator.Sample sample = sample(sampleUid);
    try (StandInRun mongod =
        start(
            sample.dbpath(),
            "--kmipServerName",
            "localhost",
            "--kmipServerCAFile",
            pki.resolve("ca.pem").toString(),
            "--kmipClientCertificateFile",
            pki.resolve("client-combined.pem").toString())) {
      assertThat(mongod.awaitExit()).isEqualTo(14);
      assertThat(mongod.awaitLog(24240)).containsIgnoringCase("localhost");
      assertThat(mongod.logLine(23016)).isEmpty();
    }
  }
}
