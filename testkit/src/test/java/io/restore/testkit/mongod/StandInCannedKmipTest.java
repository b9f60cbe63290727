package io.restore.testkit.mongod;

import static io.restore.testkit.mongod.KmipTtlv.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.restore.testkit.sample.SampleSnapshotGenerator;
import java.io.DataInputStream;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Map;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.bouncycastle.asn1.x509.GeneralName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A raw TLS server answering canned bytes: a Get reply without TimeStamp makes mongod exit 14. */
class StandInCannedKmipTest {
  @TempDir Path dir;

  @Test
  void aGetReplyWithoutTimeStampExits14() throws Exception {
    TestPki.write(dir, new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    byte[] reply =
        structure(
            RESPONSE_MESSAGE,
            MongodKmipMessagesTest.header(false),
            structure(
                BATCH_ITEM,
                enumeration(OPERATION, 0x0A),
                enumeration(RESULT_STATUS, 0),
                structure(
                    RESPONSE_PAYLOAD,
                    enumeration(OBJECT_TYPE, 2),
                    text(UNIQUE_IDENTIFIER, "canned-1"),
                    MongodKmipMessagesTest.keyBlock(1, SampleSnapshotGenerator.masterKeyFor(3)))));
    KeyStore serverKeys =
        PemClientIdentity.keyStore(
            java.nio.file.Files.writeString(
                dir.resolve("server-combined.pem"),
                java.nio.file.Files.readString(dir.resolve("server.pem"))
                    + java.nio.file.Files.readString(dir.resolve("server.key"))),
            null);
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(serverKeys, new char[0]);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(PemClientIdentity.trustStore(dir.resolve("ca.pem")));
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);

    try (SSLServerSocket server =
        (SSLServerSocket)
            tls.getServerSocketFactory()
                .createServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      server.setNeedClientAuth(true);
      Thread answer =
          new Thread(
              () -> {
                try (SSLSocket s = (SSLSocket) server.accept()) {
                  DataInputStream in = new DataInputStream(s.getInputStream());
                  byte[] head = new byte[8];
                  in.readFully(head);
                  in.readFully(new byte[readInt(head, 4)]);
                  s.getOutputStream().write(reply);
                  s.getOutputStream().flush();
                  in.read(); // hold the connection until the client hangs up
                } catch (Exception e) {
                  // the client went away
                }
              });
      answer.setDaemon(true);
      answer.start();

      SampleSnapshotGenerator.Sample sample =
          SampleSnapshotGenerator.generate(
              dir.resolve("db"),
              "canned-1",
              SampleSnapshotGenerator.masterKeyFor(3),
              SampleSnapshotGenerator.Spec.small(3),
              "local",
              Map.of("keyFile", "unused"));
      try (StandInRun mongod =
          StandInRun.inThisJvm(
              Map.of(),
              "--dbpath",
              sample.dbpath().toString(),
              "--port",
              "0",
              "--enableEncryption",
              "--kmipServerName",
              "127.0.0.1",
              "--kmipPort",
              String.valueOf(server.getLocalPort()),
              "--kmipServerCAFile",
              dir.resolve("ca.pem").toString(),
              "--kmipClientCertificateFile",
              dir.resolve("client-combined.pem").toString(),
              "--kmipActivateKeys",
              "false")) {
        assertThat(mongod.awaitExit()).isEqualTo(14);
        assertThat(mongod.awaitLog(24241)).contains("\"s\":\"F\"").contains("missing Time Stamp");
      }
    }
  }
}
