package io.restore.testkit.kms;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OAuth token endpoint of {@link FakeGoogleKms} (HTTP on 127.0.0.1): exchanges a JWT signed by
 * the service account's key for a bearer token, and says which bearer tokens the KMS accepts.
 */
final class FakeGoogleOAuth {
  private final PublicKey serviceAccount;
  private final String clientEmail;
  private final HttpServer server;
  private final Set<String> tokens = ConcurrentHashMap.newKeySet();

  private FakeGoogleOAuth(PublicKey serviceAccount, String clientEmail, HttpServer server) {
    this.serviceAccount = serviceAccount;
    this.clientEmail = clientEmail;
    this.server = server;
  }

  /** Starts {@code /token} on an ephemeral port of 127.0.0.1. */
  static FakeGoogleOAuth start(PublicKey serviceAccount, String clientEmail) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    FakeGoogleOAuth oauth = new FakeGoogleOAuth(serviceAccount, clientEmail, http);
    http.createContext("/token", oauth::token);
    http.start();
    return oauth;
  }

  URI tokenUri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/token");
  }

  /** A token this endpoint issued, or a JWT self-signed with the service account's key. */
  boolean accepts(String bearer) {
    return tokens.contains(bearer) || validJwt(bearer);
  }

  void stop() {
    server.stop(0);
  }

  /** OAuth 2.0 JWT-bearer grant (RFC 7523), as Google's token endpoint serves service accounts. */
  private void token(HttpExchange ex) throws IOException {
    try (ex) {
      Map<String, String> form = new HashMap<>();
      for (String kv :
          new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8).split("&")) {
        int eq = kv.indexOf('=');
        if (eq > 0) {
          form.put(
              URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      String assertion = form.getOrDefault("assertion", "");
      JsonObject r = new JsonObject();
      int status;
      if (validJwt(assertion)) {
        String token = "ya29.fake-" + UUID.randomUUID();
        tokens.add(token);
        r.addProperty("access_token", token);
        r.addProperty("expires_in", 3600);
        r.addProperty("token_type", "Bearer");
        status = 200;
      } else {
        r.addProperty("error", "invalid_grant");
        r.addProperty("error_description", "Invalid JWT Signature.");
        status = 400;
      }
      byte[] b = r.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    }
  }

  /** An RS256 JWT signed by the service account's key and issued by its email. */
  private boolean validJwt(String jwt) {
    String[] p = jwt.split("\\.");
    if (p.length != 3) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("SHA256withRSA");
      s.initVerify(serviceAccount);
      s.update((p[0] + "." + p[1]).getBytes(StandardCharsets.US_ASCII));
      if (!s.verify(Base64.getUrlDecoder().decode(p[2]))) {
        return false;
      }
      JsonObject claims =
          JsonParser.parseString(
                  new String(Base64.getUrlDecoder().decode(p[1]), StandardCharsets.UTF_8))
              .getAsJsonObject();
      return clientEmail.equals(claims.get("iss").getAsString());
    } catch (GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }
}
