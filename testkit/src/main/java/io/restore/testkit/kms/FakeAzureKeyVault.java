package io.restore.testkit.kms;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.MGF1ParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;

/**
 * A test double of Azure Key Vault's keys API and of Entra ID's client-credentials token endpoint,
 * over HTTPS on 127.0.0.1 (the SDK sends bearer tokens only over TLS; clients trust {@link
 * #caFile()}). It plays the challenge flow (a first request without a token gets 401 with {@code
 * WWW-Authenticate: Bearer authorization=..., resource="https://vault.azure.net"}), serves {@code
 * GET /keys/{name}/{version}} with a real RSA public key, and {@code decrypt}/{@code unwrapkey}
 * (and {@code encrypt}/{@code wrapkey}) with real RSA-OAEP and RSA-OAEP-256.
 */
public final class FakeAzureKeyVault implements AutoCloseable {
  public static final String TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";
  public static final String CLIENT_ID = "5d1c1e34-0000-4000-8000-00000000c11e";
  public static final String CLIENT_SECRET = "fake~azure~client~secret";

  private final HttpsServer server;
  private final LoopbackTls tls;
  private final Map<String, KeyPair> keys = new ConcurrentHashMap<>();
  private final Map<String, String> secrets = new ConcurrentHashMap<>();
  private final Map<String, String> tokens = new ConcurrentHashMap<>();
  private final Set<String> denied = ConcurrentHashMap.newKeySet();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final Map<String, AtomicInteger> operations = new ConcurrentHashMap<>();

  private FakeAzureKeyVault(HttpsServer server, LoopbackTls tls) {
    this.server = server;
    this.tls = tls;
    secrets.put(CLIENT_ID, CLIENT_SECRET);
  }

  /** Starts on 127.0.0.1 on a free port; knows {@link #CLIENT_ID}/{@link #CLIENT_SECRET}. */
  public static FakeAzureKeyVault start() throws IOException {
    LoopbackTls tls = LoopbackTls.create();
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    FakeAzureKeyVault v = new FakeAzureKeyVault(s, tls);
    s.createContext("/", v::handle);
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-azure-key-vault");
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(pool);
    s.start();
    return v;
  }

  /** The vault's URL, also the authority host of the token endpoint. */
  public URI endpoint() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  /** The CA to trust ({@code --kms-ca-file}). */
  public Path caFile() {
    return tls.caFile();
  }

  /** Creates an RSA-2048 key; returns its key identifier (URL with version). */
  public String createKey(String name) {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      String version = UUID.randomUUID().toString().replace("-", "");
      keys.put(name + "/" + version, g.generateKeyPair());
      return endpoint() + "/keys/" + name + "/" + version;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Another app registration that may get tokens. */
  public void addClient(String clientId, String secret) {
    secrets.put(clientId, secret);
  }

  /** A client whose tokens may not use keys (403 Forbidden). */
  public void denyKeyOperations(String clientId) {
    denied.add(clientId);
  }

  public int tokenRequests() {
    return tokenRequests.get();
  }

  /** How often an operation (decrypt, unwrapkey, get...) was served successfully. */
  public int operations(String name) {
    return operations.computeIfAbsent(name, k -> new AtomicInteger()).get();
  }

  /** Encrypts as the service would, with {@code RSA-OAEP} or {@code RSA-OAEP-256}. */
  public byte[] encrypt(String keyIdentifier, String alg, byte[] plaintext) {
    KeyPair kp = keys.get(keyPath(URI.create(keyIdentifier).getPath()));
    return rsa(Cipher.ENCRYPT_MODE, alg, kp, plaintext);
  }

  private static String keyPath(String path) {
    String[] p = path.split("/");
    return p[2] + "/" + p[3];
  }

  private static byte[] rsa(int mode, String alg, KeyPair kp, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("RSA/ECB/OAEPPadding");
      OAEPParameterSpec spec =
          switch (alg) {
            case "RSA-OAEP" ->
                new OAEPParameterSpec(
                    "SHA-1", "MGF1", MGF1ParameterSpec.SHA1, PSource.PSpecified.DEFAULT);
            case "RSA-OAEP-256" ->
                new OAEPParameterSpec(
                    "SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT);
            default -> throw new IllegalArgumentException("unsupported alg " + alg);
          };
      c.init(mode, mode == Cipher.ENCRYPT_MODE ? kp.getPublic() : kp.getPrivate(), spec);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("RSA " + alg + " failed", e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      byte[] body = ex.getRequestBody().readAllBytes();
      if (path.endsWith("/oauth2/v2.0/token")) {
        token(ex, body);
      } else if (path.contains("/.well-known/openid-configuration")) {
        openIdConfiguration(ex, path);
      } else if (path.startsWith("/keys/")) {
        vault(ex, path, body);
      } else {
        json(ex, 404, error("NotFound", "not served by the double: " + path));
      }
    } catch (RuntimeException e) {
      json(ex, 500, error("InternalError", e.toString()));
    }
  }

  private void openIdConfiguration(HttpExchange ex, String path) throws IOException {
    String tenant = path.split("/")[1];
    String base = endpoint() + "/" + tenant;
    JsonObject r = new JsonObject();
    r.addProperty("token_endpoint", base + "/oauth2/v2.0/token");
    r.addProperty("authorization_endpoint", base + "/oauth2/v2.0/authorize");
    r.addProperty("issuer", base + "/v2.0");
    json(ex, 200, r);
  }

  private void token(HttpExchange ex, byte[] body) throws IOException {
    tokenRequests.incrementAndGet();
    Map<String, String> form = new HashMap<>();
    for (String kv : new String(body, StandardCharsets.UTF_8).split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        form.put(
            URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    String tenant = ex.getRequestURI().getPath().split("/")[1];
    String client = form.getOrDefault("client_id", "");
    if (!TENANT_ID.equals(tenant)) {
      oauthError(ex, 400, "invalid_request", "AADSTS90002: Tenant '" + tenant + "' not found.");
      return;
    }
    String secret = secrets.get(client);
    if (secret == null) {
      oauthError(ex, 400, "unauthorized_client", "AADSTS700016: Application not found.");
      return;
    }
    if (!secret.equals(form.get("client_secret"))) {
      oauthError(ex, 401, "invalid_client", "AADSTS7000215: Invalid client secret provided.");
      return;
    }
    String token = "fake-token-" + UUID.randomUUID();
    tokens.put(token, client);
    JsonObject r = new JsonObject();
    r.addProperty("token_type", "Bearer");
    r.addProperty("expires_in", 3600);
    r.addProperty("ext_expires_in", 3600);
    r.addProperty("access_token", token);
    json(ex, 200, r);
  }

  private void oauthError(HttpExchange ex, int status, String code, String description)
      throws IOException {
    JsonObject r = new JsonObject();
    r.addProperty("error", code);
    r.addProperty("error_description", description);
    com.google.gson.JsonArray codes = new com.google.gson.JsonArray();
    codes.add(Integer.parseInt(description.replaceAll("^AADSTS(\\d+).*", "$1")));
    r.add("error_codes", codes);
    json(ex, status, r);
  }

  private void vault(HttpExchange ex, String path, byte[] body) throws IOException {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("Bearer ")) {
      // Key Vault's challenge: the SDK learns tenant and resource, then asks for a token.
      ex.getResponseHeaders()
          .set(
              "WWW-Authenticate",
              "Bearer authorization=\"https://login.microsoftonline.com/"
                  + TENANT_ID
                  + "\", resource=\"https://vault.azure.net\"");
      json(ex, 401, error("Unauthorized", "AKV10000: Request is missing a Bearer token."));
      return;
    }
    String client = tokens.get(auth.substring("Bearer ".length()));
    if (client == null) {
      json(ex, 401, error("Unauthorized", "AKV10022: Invalid audience or token."));
      return;
    }
    String[] parts = path.split("/");
    if (parts.length < 4) {
      json(ex, 404, error("KeyNotFound", "A key with (name/id) was not found."));
      return;
    }
    KeyPair kp = keys.get(parts[2] + "/" + parts[3]);
    if (kp == null) {
      json(ex, 404, error("KeyNotFound", "A key with (name/id) " + parts[2] + " was not found."));
      return;
    }
    if (denied.contains(client)) {
      json(
          ex,
          403,
          error(
              "Forbidden",
              "The user, group or application does not have keys decrypt permission."));
      return;
    }
    String kid = endpoint() + "/keys/" + parts[2] + "/" + parts[3];
    if (parts.length == 4 && ex.getRequestMethod().equals("GET")) {
      count("get");
      RSAPublicKey pub = (RSAPublicKey) kp.getPublic();
      JsonObject key = new JsonObject();
      key.addProperty("kid", kid);
      key.addProperty("kty", "RSA");
      com.google.gson.JsonArray ops = new com.google.gson.JsonArray();
      for (String op : new String[] {"encrypt", "decrypt", "wrapKey", "unwrapKey"}) {
        ops.add(op);
      }
      key.add("key_ops", ops);
      key.addProperty("n", b64url(unsigned(pub.getModulus())));
      key.addProperty("e", b64url(unsigned(pub.getPublicExponent())));
      JsonObject attributes = new JsonObject();
      attributes.addProperty("enabled", true);
      attributes.addProperty("recoveryLevel", "Recoverable+Purgeable");
      JsonObject r = new JsonObject();
      r.add("key", key);
      r.add("attributes", attributes);
      json(ex, 200, r);
      return;
    }
    if (parts.length == 5 && ex.getRequestMethod().equals("POST")) {
      String op = parts[4].toLowerCase(java.util.Locale.ROOT);
      JsonObject req =
          JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
      String alg = req.get("alg").getAsString();
      byte[] value = Base64.getUrlDecoder().decode(req.get("value").getAsString());
      byte[] out;
      try {
        out =
            switch (op) {
              case "decrypt", "unwrapkey" -> rsa(Cipher.DECRYPT_MODE, alg, kp, value);
              case "encrypt", "wrapkey" -> rsa(Cipher.ENCRYPT_MODE, alg, kp, value);
              default -> throw new UnsupportedOperationException(op);
            };
      } catch (IllegalArgumentException e) {
        json(ex, 400, error("BadParameter", "Operation " + op + " failed with " + alg));
        return;
      }
      count(op);
      JsonObject r = new JsonObject();
      r.addProperty("kid", kid);
      r.addProperty("value", b64url(out));
      Arrays.fill(out, (byte) 0);
      json(ex, 200, r);
      return;
    }
    json(ex, 405, error("BadRequest", "not served by the double"));
  }

  private void count(String op) {
    operations.computeIfAbsent(op, k -> new AtomicInteger()).incrementAndGet();
  }

  private static byte[] unsigned(BigInteger i) {
    byte[] b = i.toByteArray();
    return b[0] == 0 ? Arrays.copyOfRange(b, 1, b.length) : b;
  }

  private static String b64url(byte[] b) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  private static JsonObject error(String code, String message) {
    JsonObject e = new JsonObject();
    e.addProperty("code", code);
    e.addProperty("message", message);
    JsonObject r = new JsonObject();
    r.add("error", e);
    return r;
  }

  private static void json(HttpExchange ex, int status, JsonObject body) throws IOException {
    byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    ex.getResponseHeaders().set("x-ms-request-id", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
  }
}
