package io.restore.kmip.server;

import static io.restore.kmip.server.ForwardScan.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.object.InMemoryObjectStore;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * mongod's KMIP sequences (docs/design/mongod-kmip.md) sent as its exact request bytes over mutual
 * TLS, the replies read with mongod's forward-scan rules.
 */
class MongodSequenceTest {
  // Golden requests from docs/design/mongod-kmip.md, UID "1", protocol 1.2.
  static final String GET_12 =
      "42007801000000704200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
          + "000000020000000042000d0200000004000000010000000042000f010000002842005c05000000040000000a00000000"
          + "420079010000001042009407000000013100000000000000";
  static final String GET_ATTRIBUTES_12 =
      "42007801000000804200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
          + "000000020000000042000d0200000004000000010000000042000f010000003842005c05000000040000000b00000000"
          + "42007901000000204200940700000001310000000000000042000a07000000055374617465000000";
  static final String CREATE_12 =
      "42007801000001204200770100000038420069010000002042006a0200000004000000010000000042006b0200000004"
          + "000000020000000042000d0200000004000000010000000042000f01000000d842005c05000000040000000100000000"
          + "42007901000000c04200570500000004000000020000000042009101000000a8420008010000003042000a0700000017"
          + "43727970746f6772617068696320416c676f726974686d0042000b050000000400000003000000004200080100000030"
          + "42000a070000001443727970746f67726170686963204c656e6774680000000042000b02000000040000010000000000"
          + "420008010000003042000a070000001843727970746f67726170686963205573616765204d61736b42000b0200000004"
          + "0000000c00000000";
  static final int CREATE = 0x01;
  static final int GET = 0x0A;
  static final int GET_ATTRIBUTES = 0x0B;
  static final int ACTIVATE = 0x12;
  static final int ENCRYPT = 0x1F;
  static final int DECRYPT = 0x20;
  static final int STATE_PRE_ACTIVE = 1;
  static final int STATE_ACTIVE = 2;

  private static SSLContext serverContext;
  private static SSLContext mongodContext;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeAll
  static void pki() {
    TestPki pki = TestPki.create("mongod");
    serverContext = pki.serverContext();
    mongodContext = pki.clientContext();
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
  }

  /** A store that numbers its objects "1", "2", … so the golden bytes (UID "1") apply. */
  private KmipServer serverWith(InMemoryObjectStore store) throws IOException {
    open.add(store);
    KmipServer server = KmipServer.start(KmipServerConfig.loopback(serverContext, store));
    open.add(server);
    return server;
  }

  private static InMemoryObjectStore numberedStore() {
    AtomicInteger n = new AtomicInteger();
    return new InMemoryObjectStore(Clock.systemUTC(), () -> Integer.toString(n.incrementAndGet()));
  }

  private KmipClient mongod(KmipServer server) throws IOException {
    // mongod checks the host name against the SAN; our client does too (HTTPS rules).
    KmipClient c =
        KmipClient.connect(
            mongodContext, "127.0.0.1", server.endpoint().port(), Duration.ofSeconds(10));
    open.add(c);
    return c;
  }

  static String legacy(String golden12) {
    // Legacy mode differs only in ProtocolVersionMinor (docs/design/mongod-kmip.md).
    String minor12 = "42006b02000000040000000200000000";
    assertThat(golden12).contains(minor12);
    return golden12.replace(minor12, "42006b02000000040000000000000000");
  }

  static String activate(String getGolden) {
    // Activate has Get's payload (UniqueIdentifier only); only the operation differs.
    return getGolden.replace(
        "42005c05000000040000000a00000000", "42005c05000000040000001200000000");
  }

  /** Header and batch item as mongod reads them; returns the payload scanner. */
  static ForwardScan success(byte[] reply, int minor, int operation) {
    ForwardScan msg = ForwardScan.response(reply);
    ForwardScan header = msg.structure(RESPONSE_HEADER, "ResponseHeader");
    ForwardScan version = header.structure(PROTOCOL_VERSION, "ProtocolVersion");
    assertThat(version.integer(PROTOCOL_VERSION_MAJOR)).isEqualTo(1);
    assertThat(version.integer(PROTOCOL_VERSION_MINOR)).isEqualTo(minor);
    long now = Instant.now().getEpochSecond();
    assertThat(header.dateTime(TIME_STAMP)).isBetween(now - 60, now + 60);
    assertThat(header.integer(BATCH_COUNT)).isEqualTo(1);
    ForwardScan item = msg.structure(BATCH_ITEM, "BatchItem");
    assertThat(item.enumeration(OPERATION)).isEqualTo(operation);
    assertThat(item.enumeration(RESULT_STATUS)).as("ResultStatus").isZero();
    return item.structure(RESPONSE_PAYLOAD, "ResponsePayload");
  }

  static String createdUid(byte[] reply, int minor) {
    ForwardScan p = success(reply, minor, CREATE);
    assertThat(p.enumeration(OBJECT_TYPE)).isEqualTo(2);
    return p.text(UNIQUE_IDENTIFIER);
  }

  static byte[] keyOf(byte[] reply, int minor, String uid) {
    ForwardScan p = success(reply, minor, GET);
    assertThat(p.enumeration(OBJECT_TYPE)).isEqualTo(2);
    assertThat(p.text(UNIQUE_IDENTIFIER)).isEqualTo(uid);
    ForwardScan block = p.structure(SYMMETRIC_KEY, "SymmetricKey").structure(KEY_BLOCK, "KeyBlock");
    assertThat(block.enumeration(KEY_FORMAT_TYPE)).as("Raw").isEqualTo(1);
    byte[] key = block.structure(KEY_VALUE, "KeyValue").bytes(KEY_MATERIAL);
    assertThat(key).hasSize(32);
    assertThat(block.enumeration(CRYPTOGRAPHIC_ALGORITHM)).as("AES").isEqualTo(3);
    assertThat(block.integer(CRYPTOGRAPHIC_LENGTH)).isEqualTo(256);
    return key;
  }

  static int stateOf(byte[] reply, int minor, String uid) {
    ForwardScan p = success(reply, minor, GET_ATTRIBUTES);
    assertThat(p.text(UNIQUE_IDENTIFIER)).isEqualTo(uid);
    assertThat(p.countRemaining(ATTRIBUTE)).as("exactly one Attribute").isEqualTo(1);
    ForwardScan a = p.structure(ATTRIBUTE, "Attribute");
    assertThat(a.text(ATTRIBUTE_NAME)).isEqualTo("State");
    return a.enumeration(ATTRIBUTE_VALUE);
  }

  @Test
  void firstStartCreatesGetsThePreActiveKeyActivatesAndSeesItActive() throws IOException {
    KmipServer server = serverWith(numberedStore());
    KmipClient mongod = mongod(server);
    String uid = createdUid(mongod.exchange(RawTtlv.hex(CREATE_12)), 2);
    assertThat(uid).isEqualTo("1");
    keyOf(mongod.exchange(RawTtlv.hex(GET_12)), 2, "1");
    ForwardScan activated = success(mongod.exchange(RawTtlv.hex(activate(GET_12))), 2, ACTIVATE);
    assertThat(activated.text(UNIQUE_IDENTIFIER)).isEqualTo("1");
    assertThat(stateOf(mongod.exchange(RawTtlv.hex(GET_ATTRIBUTES_12)), 2, "1"))
        .isEqualTo(STATE_ACTIVE);
  }

  @Test
  void restartGetsThePreloadedKeyAndItsActiveStateAndLaterPollsOnNewConnections()
      throws IOException {
    byte[] key = new byte[32];
    for (int i = 0; i < 32; i++) {
      key[i] = (byte) (i * 7 + 1);
    }
    KmipServer server = serverWith(InMemoryObjectStore.withActiveKey("1", key));
    KmipClient mongod = mongod(server);
    assertThat(keyOf(mongod.exchange(RawTtlv.hex(GET_12)), 2, "1")).isEqualTo(key);
    assertThat(stateOf(mongod.exchange(RawTtlv.hex(GET_ATTRIBUTES_12)), 2, "1"))
        .isEqualTo(STATE_ACTIVE);
    for (int poll = 0; poll < 3; poll++) {
      try (KmipClient fresh =
          KmipClient.connect(
              mongodContext, "localhost", server.endpoint().port(), Duration.ofSeconds(10))) {
        assertThat(stateOf(fresh.exchange(RawTtlv.hex(GET_ATTRIBUTES_12)), 2, "1"))
            .isEqualTo(STATE_ACTIVE);
      }
    }
  }

  @Test
  void legacyProtocol10IsEchoedThroughTheWholeFirstStart() throws IOException {
    KmipServer server = serverWith(numberedStore());
    KmipClient mongod = mongod(server);
    assertThat(createdUid(mongod.exchange(RawTtlv.hex(legacy(CREATE_12))), 0)).isEqualTo("1");
    keyOf(mongod.exchange(RawTtlv.hex(legacy(GET_12))), 0, "1");
    success(mongod.exchange(RawTtlv.hex(legacy(activate(GET_12)))), 0, ACTIVATE);
    assertThat(stateOf(mongod.exchange(RawTtlv.hex(legacy(GET_ATTRIBUTES_12))), 0, "1"))
        .isEqualTo(STATE_ACTIVE);
  }

  @Test
  void withActivateKeysOffCreateAndGetSufficeAndTheKeyStaysPreActive() throws IOException {
    KmipServer server = serverWith(numberedStore());
    KmipClient mongod = mongod(server);
    assertThat(createdUid(mongod.exchange(RawTtlv.hex(CREATE_12)), 2)).isEqualTo("1");
    byte[] first = keyOf(mongod.exchange(RawTtlv.hex(GET_12)), 2, "1");
    assertThat(keyOf(mongod.exchange(RawTtlv.hex(GET_12)), 2, "1")).isEqualTo(first);
    assertThat(stateOf(mongod.exchange(RawTtlv.hex(GET_ATTRIBUTES_12)), 2, "1"))
        .isEqualTo(STATE_PRE_ACTIVE);
  }

  @Test
  void unknownUidFailsWithReasonAndMessageAndKeepsTheConnection() throws IOException {
    KmipServer server = serverWith(InMemoryObjectStore.withActiveKey("other", new byte[32]));
    KmipClient mongod = mongod(server);
    for (String request : new String[] {GET_12, GET_ATTRIBUTES_12, legacy(GET_12)}) {
      ForwardScan msg = ForwardScan.response(mongod.exchange(RawTtlv.hex(request)));
      ForwardScan header = msg.structure(RESPONSE_HEADER, "ResponseHeader");
      header.structure(PROTOCOL_VERSION, "ProtocolVersion");
      header.dateTime(TIME_STAMP);
      assertThat(header.integer(BATCH_COUNT)).isEqualTo(1);
      ForwardScan item = msg.structure(BATCH_ITEM, "BatchItem");
      item.enumeration(OPERATION);
      assertThat(item.enumeration(RESULT_STATUS)).as("Operation Failed").isEqualTo(1);
      assertThat(item.enumeration(RESULT_REASON)).as("Item Not Found").isEqualTo(1);
      assertThat(item.text(RESULT_MESSAGE)).contains("1");
    }
  }

  @Test
  void auditLogEncryptionUsesCbcDefaultsWithARandomIvReturned() throws IOException {
    KmipServer server = serverWith(InMemoryObjectStore.withActiveKey("1", new byte[32]));
    KmipClient mongod = mongod(server);
    byte[] plain = "audit log line".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] encReply =
        mongod.exchange(
            RawTtlv.mongodRequest(
                2, ENCRYPT, RawTtlv.text(UNIQUE_IDENTIFIER, "1"), RawTtlv.bytes(DATA, plain)));
    ForwardScan enc = success(encReply, 2, ENCRYPT);
    assertThat(enc.text(UNIQUE_IDENTIFIER)).isEqualTo("1");
    byte[] cipher = enc.bytes(DATA);
    byte[] iv = enc.bytes(IV_COUNTER_NONCE);
    assertThat(iv).hasSize(16);
    assertThat(cipher).hasSize(16);
    byte[] decReply =
        mongod.exchange(
            RawTtlv.mongodRequest(
                2,
                DECRYPT,
                RawTtlv.text(UNIQUE_IDENTIFIER, "1"),
                RawTtlv.bytes(DATA, cipher),
                RawTtlv.bytes(IV_COUNTER_NONCE, iv)));
    ForwardScan dec = success(decReply, 2, DECRYPT);
    assertThat(dec.text(UNIQUE_IDENTIFIER)).isEqualTo("1");
    assertThat(dec.bytes(DATA)).isEqualTo(plain);
  }
}
