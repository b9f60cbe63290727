package io.restore.kmip.vectors;

import static org.assertj.core.api.Assertions.assertThat;

import io.restore.kmip.client.KmipClient;
import io.restore.kmip.object.InMemoryObjectStore;
import io.restore.kmip.server.KmipServer;
import io.restore.kmip.server.KmipServerConfig;
import io.restore.kmip.server.TestPki;
import io.restore.kmip.ttlv.Item;
import io.restore.kmip.ttlv.Tag;
import io.restore.kmip.ttlv.TtlvReader;
import io.restore.kmip.ttlv.TtlvWriter;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.w3c.dom.Element;

/**
 * The OASIS KMIP 1.4 mandatory conversations for symmetric keys (SKLC-M-*, SKFF-M-*) and basic
 * cryptographic services (CS-BC-M-*) replayed against our server over TLS. Placeholders ($UNIQUE_
 * IDENTIFIER_n, $IV_COUNTER_NONCE, $DATA_n...) bind to what our server answered and are substituted
 * into later requests. Compared: what a server controls — protocol version, batch count, operation,
 * result status and reason, and every expected payload item in order with its value (date-times and
 * vendor result messages excepted; digests and ciphertexts of server-generated keys by length). Our
 * replies may carry more items than the vector (e.g. all attributes).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OasisReplayTest {
  /** KMIP 1.4's files, then the 1.0/1.1/1.2 variants of the same cases. */
  private static final List<String> DIRS =
      List.of("/kmip-test-vectors/kmip-1.4/mandatory/", "/kmip-test-vectors/kmip-1.0/mandatory/");

  /** Files (name patterns) that do not pass yet, with the reason; reported, not run. */
  static final Map<String, String> KNOWN_GAPS =
      Map.of(
          "CS-BC-M-7-.*",
          "Usage Limits are stored but not enforced",
          "CS-BC-M-GCM-3-.*",
          "multi-part (streaming) Encrypt/Decrypt with Correlation Value",
          "SKFF-M-(9|10|11|12)-.*",
          "Get Attribute List lacks Fresh and Lease Time (no leases are granted)");

  private static Optional<String> gap(String file) {
    return KNOWN_GAPS.entrySet().stream()
        .filter(e -> file.matches(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst();
  }

  private KmipServer server;
  private InMemoryObjectStore store;
  private SSLContext client;
  private final Map<String, String> results = new TreeMap<>();

  @BeforeAll
  void start() throws IOException {
    TestPki pki = TestPki.create("oasis");
    store = new InMemoryObjectStore();
    server = KmipServer.start(KmipServerConfig.loopback(pki.serverContext(), store));
    client = pki.clientContext();
  }

  @AfterAll
  void stop() {
    long pass = results.values().stream().filter("pass"::equals).count();
    System.out.println(
        "OASIS mandatory SKLC/SKFF/CS-BC replay (1.4 and 1.0-1.2 files): "
            + pass
            + "/"
            + results.size()
            + " files pass");
    results.forEach((f, r) -> System.out.println("  " + f + ": " + r));
    server.close();
    store.close();
  }

  @TestFactory
  Stream<DynamicTest> mandatorySymmetricKeyAndCryptoConversations()
      throws IOException, URISyntaxException {
    List<String> files = new ArrayList<>();
    for (String dir : DIRS) {
      try (Stream<Path> s = Files.list(Path.of(OasisReplayTest.class.getResource(dir).toURI()))) {
        s.map(p -> p.getFileName().toString())
            .filter(n -> n.matches("(SKLC|SKFF|CS-BC)-M-.*\\.xml"))
            .sorted()
            .forEach(n -> files.add(dir + n));
      }
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(60);
    files.forEach(f -> gap(name(f)).ifPresent(why -> results.put(name(f), "known gap: " + why)));
    return files.stream()
        .filter(f -> gap(name(f)).isEmpty())
        .map(f -> DynamicTest.dynamicTest(name(f), () -> replay(f)));
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private void replay(String file) throws Exception {
    List<Element> messages;
    try (InputStream in = OasisReplayTest.class.getResourceAsStream(file)) {
      messages = KmipXml.messages(in);
    }
    Map<String, Object> bound = new HashMap<>();
    try (KmipClient c =
        KmipClient.connect(client, "127.0.0.1", server.endpoint().port(), Duration.ofSeconds(10))) {
      boolean generatedKeys = false;
      for (int i = 0; i + 1 < messages.size(); i += 2) {
        Item request = substitute(normalize(KmipXml.item(messages.get(i))), bound);
        generatedKeys |= containsOperation(request, 0x01);
        byte[] reply = c.exchange(TtlvWriter.encode(request));
        Item ours = TtlvReader.withDefaults().readMessage(reply, Tag.RESPONSE_MESSAGE);
        Item expected = normalize(KmipXml.item(messages.get(i + 1)));
        List<String> problems = new ArrayList<>();
        new Comparison(bound, generatedKeys, problems).structure(expected, ours, "ResponseMessage");
        if (!problems.isEmpty()) {
          results.put(name(file), "message " + (i / 2) + ": " + problems.get(0));
          throw new AssertionError(file + " message " + (i / 2) + ": " + problems);
        }
      }
    }
    results.put(name(file), "pass");
  }

  private static boolean containsOperation(Item message, int op) {
    if (message instanceof Item.Structure s) {
      for (Item i : s.items()) {
        if (i.tag().equals(Tag.OPERATION) && i instanceof Item.Enumeration e && e.value() == op) {
          return true;
        }
        if (containsOperation(i, op)) {
          return true;
        }
      }
    }
    return false;
  }

  /** The 1.0–1.2 files carry runs of spaces inside attribute names ("Unique Identifier"). */
  static Item normalize(Item item) {
    if (item instanceof Item.Text t && t.tag().equals(Tag.ATTRIBUTE_NAME)) {
      return new Item.Text(t.tag(), t.value().replaceAll("\\s+", " "));
    }
    if (item instanceof Item.Structure s) {
      List<Item> out = new ArrayList<>();
      for (Item c : s.items()) {
        out.add(normalize(c));
      }
      return new Item.Structure(s.tag(), out);
    }
    return item;
  }

  static String placeholder(Item i) {
    if (i instanceof Item.Text t && t.value().startsWith("$")) {
      return t.value();
    }
    if (i instanceof Item.Bytes b && b.value().length > 1 && b.value()[0] == '$') {
      String s = new String(b.value(), StandardCharsets.US_ASCII);
      if (s.matches("\\$[A-Z_0-9]+")) {
        return s;
      }
    }
    return null;
  }

  /** Replaces bound placeholders in a request with the values our server produced. */
  static Item substitute(Item item, Map<String, Object> bound) {
    String name = placeholder(item);
    if (name != null && bound.containsKey(name)) {
      Object v = bound.get(name);
      return v instanceof byte[] b
          ? new Item.Bytes(item.tag(), b)
          : new Item.Text(item.tag(), (String) v);
    }
    if (item instanceof Item.DateTime d) {
      // KmipXml reads $NOW as a fixed instant; requests must speak of the server's real now.
      return new Item.DateTime(
          d.tag(), d.epochSeconds() - KmipXml.NOW + Instant.now().getEpochSecond());
    }
    if (item instanceof Item.Structure s) {
      List<Item> out = new ArrayList<>();
      for (Item c : s.items()) {
        out.add(substitute(c, bound));
      }
      return new Item.Structure(s.tag(), out);
    }
    return item;
  }

  /** Expected-vs-ours, forward-scan style: every expected item must appear, in order. */
  private record Comparison(
      Map<String, Object> bound, boolean generatedKeys, List<String> problems) {
    /** Attributes whose value describes the server itself (which RNG it runs). */
    private static final Set<String> SERVER_CHOICES = Set.of("Random Number Generator");

    private static final Set<Tag> KEY_DEPENDENT =
        Set.of(Tag.DIGEST_VALUE, Tag.DATA, Tag.AUTHENTICATED_ENCRYPTION_TAG, Tag.KEY_MATERIAL);

    void structure(Item expected, Item ours, String path) {
      if (!(ours instanceof Item.Structure o) || !(expected instanceof Item.Structure e)) {
        value(expected, ours, path);
        return;
      }
      boolean failed =
          e.first(Tag.RESULT_STATUS)
              .map(s -> s instanceof Item.Enumeration en && en.value() != 0)
              .orElse(false);
      int at = 0;
      List<Item> mine = o.items();
      // Data encrypted under an IV our server chose cannot equal the vector's.
      boolean ivChosen =
          e.tag().equals(Tag.RESPONSE_PAYLOAD) && e.first(Tag.IV_COUNTER_NONCE).isPresent();
      for (Item want : e.items()) {
        if (want.tag().equals(Tag.ATTRIBUTE_NAME) && e.tag().equals(Tag.RESPONSE_PAYLOAD)) {
          if (!mine.contains(want)) {
            problems.add(path + ": attribute list lacks " + brief(want));
          }
          continue; // Get Attribute List: a set, in server order
        }
        if (ivChosen
            && placeholder(want) == null
            && (want.tag().equals(Tag.DATA) || want.tag().equals(Tag.IV_COUNTER_NONCE))) {
          // The vector shows its server's IV and ciphertext literally, yet later requests name
          // them $IV_COUNTER_NONCE and $DATA_n: bind ours under those names.
          o.first(want.tag())
              .ifPresent(
                  mineItem -> {
                    byte[] v = ((Item.Bytes) mineItem).value();
                    if (want.tag().equals(Tag.IV_COUNTER_NONCE)) {
                      bound.put("$IV_COUNTER_NONCE", v);
                    } else {
                      long n = bound.keySet().stream().filter(k -> k.startsWith("$DATA_")).count();
                      bound.put("$DATA_" + n, v);
                    }
                  });
          continue;
        }
        if (failed && want.tag().equals(Tag.RESULT_MESSAGE)) {
          continue; // vendor text
        }
        if (want.tag().equals(Tag.ATTRIBUTE)) {
          Item match = findAttribute(want, mine);
          if (match == null) {
            problems.add(path + ": no attribute " + attributeName(want));
          } else if (SERVER_CHOICES.contains(attributeName(want))) {
            continue; // present; its value is the server's choice
          } else {
            structure(want, match, path + "/Attribute(" + attributeName(want) + ")");
          }
          continue;
        }
        int found = -1;
        for (int k = at; k < mine.size(); k++) {
          if (mine.get(k).tag().equals(want.tag())) {
            found = k;
            break;
          }
        }
        if (found < 0) {
          problems.add(path + ": missing " + want.tag() + " (expected " + brief(want) + ")");
          return;
        }
        structure(want, mine.get(found), path + "/" + want.tag());
        at = found + 1;
      }
    }

    private Item findAttribute(Item want, List<Item> mine) {
      String name = attributeName(want);
      for (Item m : mine) {
        if (m.tag().equals(Tag.ATTRIBUTE) && name.equals(attributeName(m))) {
          return m;
        }
      }
      return null;
    }

    private static String attributeName(Item attribute) {
      return ((Item.Structure) attribute)
          .first(Tag.ATTRIBUTE_NAME)
          .map(n -> ((Item.Text) n).value())
          .orElse("?");
    }

    void value(Item expected, Item ours, String path) {
      if (expected.type() != ours.type()) {
        problems.add(path + ": type " + ours.type() + ", expected " + expected.type());
        return;
      }
      String name = placeholder(expected);
      if (name != null) {
        Object have = ours instanceof Item.Bytes b ? b.value() : ((Item.Text) ours).value();
        Object prior = bound.putIfAbsent(name, have);
        if (prior != null && !equal(prior, have)) {
          problems.add(path + ": " + name + " was " + show(prior) + ", now " + show(have));
        }
        return;
      }
      if (expected instanceof Item.DateTime) {
        return; // $NOW: our clock, not the vector's
      }
      if (expected instanceof Item.Bytes eb && ours instanceof Item.Bytes ob) {
        if (generatedKeys && KEY_DEPENDENT.contains(expected.tag())) {
          if (eb.value().length != ob.value().length) {
            problems.add(path + ": " + ob.value().length + " bytes, expected " + eb.value().length);
          }
          return;
        }
      }
      if (!expected.equals(ours)) {
        problems.add(path + ": " + brief(ours) + ", expected " + brief(expected));
      }
    }

    private static boolean equal(Object a, Object b) {
      return a instanceof byte[] x && b instanceof byte[] y ? Arrays.equals(x, y) : a.equals(b);
    }

    private static String show(Object o) {
      return o instanceof byte[] b ? b.length + " bytes" : o.toString();
    }

    private static String brief(Item i) {
      if (i instanceof Item.Structure s) {
        return s.tag() + "{" + s.items().size() + " items}";
      }
      return i.toString();
    }
  }
}
