package io.restore.testkit.atlas;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The server side of HTTP Digest (RFC 7616, MD5, qop=auth) as Atlas answers API keys: issues nonces
 * and checks a client's answer. Written independently of the product's client so that the two
 * cannot share a mistake.
 */
final class DigestChecker {
  static final String REALM = "MMS Public API";
  private final SecureRandom random = new SecureRandom();
  private final Set<String> nonces = ConcurrentHashMap.newKeySet();
  private final String user;
  private final String password;

  DigestChecker(String user, String password) {
    this.user = user;
    this.password = password;
  }

  String challenge() {
    byte[] b = new byte[24];
    random.nextBytes(b);
    String nonce = Base64.getEncoder().encodeToString(b);
    nonces.add(nonce);
    return "Digest realm=\""
        + REALM
        + "\", domain=\"\", nonce=\""
        + nonce
        + "\", algorithm=MD5, qop=\"auth\", stale=false";
  }

  /** Whether {@code header} is a correct answer for this request. */
  boolean accepts(String header, String method, String requestTarget) {
    if (header == null || !header.startsWith("Digest ")) {
      return false;
    }
    Map<String, String> p = params(header.substring(7));
    String ha1 = md5(user + ":" + REALM + ":" + password);
    String ha2 = md5(method + ":" + p.get("uri"));
    String expected =
        md5(
            ha1
                + ":"
                + p.get("nonce")
                + ":"
                + p.get("nc")
                + ":"
                + p.get("cnonce")
                + ":auth:"
                + ha2);
    return user.equals(p.get("username"))
        && REALM.equals(p.get("realm"))
        && nonces.contains(p.get("nonce"))
        && "auth".equals(p.get("qop"))
        && requestTarget.equals(p.get("uri"))
        && expected.equals(p.get("response"));
  }

  private static Map<String, String> params(String s) {
    Map<String, String> m = new HashMap<>();
    for (String part : s.split(",(?=(?:[^\"]*\"[^\"]*\")*[^\"]*$)")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        String v = part.substring(eq + 1).strip();
        if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) {
          v = v.substring(1, v.length() - 1);
        }
        m.put(part.substring(0, eq).strip().toLowerCase(Locale.ROOT), v);
      }
    }
    return m;
  }

  private static String md5(String s) {
    try {
      return HexFormat.of()
          .formatHex(MessageDigest.getInstance("MD5").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
