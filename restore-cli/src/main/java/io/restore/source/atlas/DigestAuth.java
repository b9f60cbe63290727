package io.restore.source.atlas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * HTTP Digest authentication (RFC 7616) for API keys, which the JDK's HttpClient lacks: the
 * server's challenge is parsed once and each request answers it with the next nonce count. Atlas
 * uses MD5 with {@code qop=auth}; SHA-256 is accepted as the RFC allows.
 */
final class DigestAuth {
  /** A parsed {@code WWW-Authenticate: Digest ...} challenge. */
  record Challenge(
      String realm, String nonce, Optional<String> opaque, String algorithm, boolean qopAuth) {}

  private final String username;
  private final String password;
  private final SecureRandom random = new SecureRandom();
  private Challenge challenge;
  private int nonceCount;

  DigestAuth(String username, String password) {
    this.username = username;
    this.password = password;
  }

  /** Whether a challenge has been seen (requests before the first are sent without auth). */
  synchronized boolean ready() {
    return challenge != null;
  }

  /** Takes a new challenge from a 401; false when the header is not a Digest challenge. */
  synchronized boolean accept(String wwwAuthenticate) {
    Optional<Challenge> c = parse(wwwAuthenticate);
    c.ifPresent(
        ch -> {
          challenge = ch;
          nonceCount = 0;
        });
    return c.isPresent();
  }

  /** The {@code Authorization} header for one request. */
  synchronized String authorization(String method, String uri) {
    nonceCount++;
    byte[] c = new byte[16];
    random.nextBytes(c);
    String cnonce = Base64.getEncoder().withoutPadding().encodeToString(c);
    return header(challenge, username, password, method, uri, nonceCount, cnonce);
  }

  static String header(
      Challenge ch, String user, String pass, String method, String uri, int nc, String cnonce) {
    String ncText = String.format(Locale.ROOT, "%08x", nc);
    String response = response(ch, user, pass, method, uri, ncText, cnonce);
    StringBuilder b = new StringBuilder("Digest ");
    b.append("username=\"").append(user).append("\", ");
    b.append("realm=\"").append(ch.realm()).append("\", ");
    b.append("uri=\"").append(uri).append("\", ");
    b.append("algorithm=").append(ch.algorithm()).append(", ");
    b.append("nonce=\"").append(ch.nonce()).append("\", ");
    if (ch.qopAuth()) {
      b.append("nc=").append(ncText).append(", ");
      b.append("cnonce=\"").append(cnonce).append("\", ");
      b.append("qop=auth, ");
    }
    b.append("response=\"").append(response).append("\"");
    ch.opaque().ifPresent(o -> b.append(", opaque=\"").append(o).append("\""));
    return b.toString();
  }

  /** RFC 7616 §3.4.1: KD(H(A1), nonce:nc:cnonce:qop:H(A2)), or RFC 2069's form without qop. */
  static String response(
      Challenge ch, String user, String pass, String method, String uri, String nc, String cnonce) {
    String ha1 = hash(ch.algorithm(), user + ":" + ch.realm() + ":" + pass);
    String ha2 = hash(ch.algorithm(), method + ":" + uri);
    String data =
        ch.qopAuth()
            ? ch.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2
            : ch.nonce() + ":" + ha2;
    return hash(ch.algorithm(), ha1 + ":" + data);
  }

  static Optional<Challenge> parse(String header) {
    if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
      return Optional.empty();
    }
    Map<String, String> p = params(header.substring(7));
    String algorithm = p.getOrDefault("algorithm", "MD5").toUpperCase(Locale.ROOT);
    if (!p.containsKey("realm")
        || !p.containsKey("nonce")
        || !(algorithm.equals("MD5") || algorithm.equals("SHA-256"))) {
      return Optional.empty();
    }
    String qop = p.get("qop");
    boolean auth = false;
    if (qop != null) {
      for (String q : qop.split(",")) {
        auth |= q.strip().equalsIgnoreCase("auth");
      }
      if (!auth) {
        return Optional.empty(); // auth-int only: not something a GET/POST client here answers
      }
    }
    return Optional.of(
        new Challenge(
            p.get("realm"), p.get("nonce"), Optional.ofNullable(p.get("opaque")), algorithm, auth));
  }

  /** {@code k=v, k="v, with comma"} pairs; keys lower-cased. */
  static Map<String, String> params(String s) {
    Map<String, String> m = new LinkedHashMap<>();
    int i = 0;
    while (i < s.length()) {
      while (i < s.length() && (s.charAt(i) == ',' || Character.isWhitespace(s.charAt(i)))) {
        i++;
      }
      int eq = s.indexOf('=', i);
      if (eq < 0) {
        break;
      }
      String key = s.substring(i, eq).strip().toLowerCase(Locale.ROOT);
      i = eq + 1;
      StringBuilder v = new StringBuilder();
      if (i < s.length() && s.charAt(i) == '"') {
        i++;
        while (i < s.length() && s.charAt(i) != '"') {
          if (s.charAt(i) == '\\' && i + 1 < s.length()) {
            i++;
          }
          v.append(s.charAt(i++));
        }
        i++;
      } else {
        while (i < s.length() && s.charAt(i) != ',') {
          v.append(s.charAt(i++));
        }
      }
      m.put(key, v.toString().strip());
    }
    return m;
  }

  private static String hash(String algorithm, String text) {
    try {
      MessageDigest d = MessageDigest.getInstance(algorithm.equals("MD5") ? "MD5" : "SHA-256");
      return HexFormat.of().formatHex(d.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the Java runtime lacks " + algorithm, e);
    }
  }
}
