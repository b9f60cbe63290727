package io.restore.testkit.kms;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test double of Google Cloud KMS's REST API: {@code POST /v1/{name}:encrypt} and {@code
 * :decrypt} over HTTPS on 127.0.0.1 (clients trust {@link #caFile()}), with the JSON bodies of the
 * real API (bytes as base64, CRC32C checksums as int64 strings), real AES-256-GCM with the
 * additional authenticated data, CRC32C checks both ways, and Google's error body ({@code
 * {"error":{"code":403,"message":...,"status":"PERMISSION_DENIED"}}}) with the matching HTTP
 * status. Calls need a bearer token: one issued by its OAuth token endpoint ({@link #tokenUri()},
 * the JWT-bearer grant signed with the service-account key of {@link #serviceAccountKeyJson()}), or
 * a self-signed JWT with that key.
 */
public final class FakeGoogleKms implements AutoCloseable {
  public static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";
  public static final String CLIENT_EMAIL = "atlas-kms@restore-test.iam.gserviceaccount.com";

  private final LoopbackTls tls;
  private final KeyPair serviceAccount;
  private final FakeGoogleOAuth oauth;
  private HttpsServer server;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  private final Set<String> deniedKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger decrypts = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final java.util.Queue<GoogleError> faults =
      new java.util.concurrent.ConcurrentLinkedQueue<>();
  private volatile boolean corruptChecksums;

  private FakeGoogleKms(LoopbackTls tls, KeyPair serviceAccount, FakeGoogleOAuth oauth) {
    this.tls = tls;
    this.serviceAccount = serviceAccount;
    this.oauth = oauth;
  }

  /** Starts the REST service (HTTPS) and the token endpoint (HTTP) on 127.0.0.1. */
  public static FakeGoogleKms start() throws IOException {
    LoopbackTls tls = LoopbackTls.create();
    KeyPair sa;
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
      g.initialize(2048);
      sa = g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IOException(e);
    }
    FakeGoogleKms kms =
        new FakeGoogleKms(tls, sa, FakeGoogleOAuth.start(sa.getPublic(), CLIENT_EMAIL));
    HttpsServer s = HttpsServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    s.setHttpsConfigurator(new HttpsConfigurator(tls.serverContext()));
    s.createContext("/v1/", kms::handle);
    ExecutorService pool =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-google-kms");
              t.setDaemon(true);
              return t;
            });
    s.setExecutor(pool);
    s.start();
    kms.server = s;
    return kms;
  }

  /** {@code https://127.0.0.1:port}, the form {@code --kms-endpoint} takes. */
  public URI endpoint() {
    return URI.create("https://127.0.0.1:" + server.getAddress().getPort());
  }

  public Path caFile() {
    return tls.caFile();
  }

  public URI tokenUri() {
    return oauth.tokenUri();
  }

  /** A service-account key file (as Atlas stores in serviceAccountKey) for this double. */
  public String serviceAccountKeyJson() throws IOException {
    JsonObject o = new JsonObject();
    o.addProperty("type", "service_account");
    o.addProperty("project_id", "restore-test");
    o.addProperty("private_key_id", "fake-key-1");
    o.addProperty(
        "private_key",
        LoopbackTls.pem(
            new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(
                serviceAccount.getPrivate(), null)));
    o.addProperty("client_email", CLIENT_EMAIL);
    o.addProperty("client_id", "100000000000000000001");
    o.addProperty("token_uri", tokenUri().toString());
    return o.toString();
  }

  /**
   * Creates a CryptoKey; returns its first version's resource name (as in keyVersionResourceID).
   */
  public String createKey(String name) {
    String cryptoKey = "projects/restore-test/locations/global/keyRings/atlas/cryptoKeys/" + name;
    byte[] k = new byte[32];
    random.nextBytes(k);
    keys.put(cryptoKey, k);
    return cryptoKey + "/cryptoKeyVersions/1";
  }

  /** Calls on this CryptoKey get PERMISSION_DENIED. */
  public void denyKey(String cryptoKey) {
    deniedKeys.add(stripVersion(cryptoKey));
  }

  public int decryptCount() {
    return decrypts.get();
  }

  /** Every encrypt/decrypt request that reached the service (faults and refusals included). */
  public int callCount() {
    return calls.get();
  }

  /**
   * The next {@code times} calls fail with this HTTP status and google.rpc.Code name (e.g. 429
   * RESOURCE_EXHAUSTED, 503 UNAVAILABLE), after the bearer check.
   */
  public void failNextCalls(int times, int httpStatus, String status) {
    for (int i = 0; i < times; i++) {
      faults.add(new GoogleError(httpStatus, status, "Injected by the test double: " + status));
    }
  }

  /** Responses carry checksums that do not match their data (corruption in transit). */
  public void corruptResponseChecksums(boolean on) {
    corruptChecksums = on;
  }

  /** Encrypts as {@code Encrypt} does, for tests and samples. */
  public byte[] encrypt(String cryptoKey, byte[] plaintext, byte[] aad) {
    byte[] k = keys.get(stripVersion(cryptoKey));
    if (k == null) {
      throw new IllegalArgumentException("no such key " + cryptoKey);
    }
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    byte[] ct = gcm(Cipher.ENCRYPT_MODE, k, iv, aad, plaintext);
    return ByteBuffer.allocate(12 + ct.length).put(iv).put(ct).array();
  }

  static String stripVersion(String name) {
    int i = name.indexOf("/cryptoKeyVersions/");
    return i < 0 ? name : name.substring(0, i);
  }

  static long crc32c(byte[] b) {
    CRC32C c = new CRC32C();
    c.update(b);
    return c.getValue();
  }

  /** The CRC32C of a response field, off by one when {@link #corruptResponseChecksums}. */
  private long checksum(byte[] b) {
    return corruptChecksums ? (crc32c(b) + 1) & 0xFFFFFFFFL : crc32c(b);
  }

  /** A google.rpc.Status as the REST API reports it, with its HTTP status. */
  static final class GoogleError extends RuntimeException {
    final int http;
    final String status;

    GoogleError(int http, String status, String message) {
      super(message, null, false, false);
      this.http = http;
      this.status = status;
    }

    static GoogleError invalidArgument(String message) {
      return new GoogleError(400, "INVALID_ARGUMENT", message);
    }

    JsonObject body() {
      JsonObject e = new JsonObject();
      e.addProperty("code", http);
      e.addProperty("message", getMessage());
      e.addProperty("status", status);
      JsonObject r = new JsonObject();
      r.add("error", e);
      return r;
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      JsonObject response;
      int status = 200;
      try {
        response = route(ex);
      } catch (GoogleError e) {
        status = e.http;
        response = e.body();
      }
      byte[] b = response.toString().getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Content-Type", "application/json; charset=UTF-8");
      ex.sendResponseHeaders(status, b.length);
      ex.getResponseBody().write(b);
    }
  }

  /** {@code POST /v1/{name}:encrypt|decrypt}; the query ({@code $alt=json...}) is ignored. */
  private JsonObject route(HttpExchange ex) throws IOException {
    calls.incrementAndGet();
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
    if (!oauth.accepts(token)) {
      throw new GoogleError(
          401,
          "UNAUTHENTICATED",
          "Request had invalid authentication credentials. Expected OAuth 2 access token, login"
              + " cookie or other valid authentication credential.");
    }
    GoogleError fault = faults.poll();
    if (fault != null) {
      throw fault;
    }
    String path = ex.getRequestURI().getPath().substring("/v1/".length());
    int colon = path.lastIndexOf(':');
    String verb = colon < 0 ? "" : path.substring(colon + 1);
    if (!"POST".equals(ex.getRequestMethod())
        || !(verb.equals("encrypt") || verb.equals("decrypt"))) {
      throw new GoogleError(404, "NOT_FOUND", "The requested URL was not found on this server.");
    }
    JsonObject req;
    try {
      JsonElement e =
          JsonParser.parseString(
              new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      req = e.isJsonObject() ? e.getAsJsonObject() : new JsonObject();
    } catch (RuntimeException e) {
      throw GoogleError.invalidArgument("Invalid JSON payload received.");
    }
    String name = path.substring(0, colon);
    return verb.equals("encrypt") ? encrypt(name, req) : decrypt(name, req);
  }

  private static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw GoogleError.invalidArgument("Decryption failed: the ciphertext is invalid.");
    }
  }

  private byte[] keyFor(String name) {
    String cryptoKey = stripVersion(name);
    if (deniedKeys.contains(cryptoKey)) {
      throw new GoogleError(
          403,
          "PERMISSION_DENIED",
          "Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied on resource '"
              + cryptoKey
              + "' (or it may not exist).");
    }
    byte[] k = keys.get(cryptoKey);
    if (k == null) {
      throw new GoogleError(404, "NOT_FOUND", cryptoKey + " not found.");
    }
    return k;
  }

  /** A {@code bytes} field: base64 (the standard alphabet or the URL-safe one). */
  private static byte[] bytes(JsonObject req, String field) {
    JsonElement e = req.get(field);
    if (e == null || e.isJsonNull()) {
      return new byte[0];
    }
    String s = e.getAsString();
    try {
      return Base64.getDecoder().decode(s);
    } catch (IllegalArgumentException notStandard) {
      try {
        return Base64.getUrlDecoder().decode(s);
      } catch (IllegalArgumentException bad) {
        throw GoogleError.invalidArgument(
            "Invalid value at '" + field + "' (TYPE_BYTES), Base64 decoding failed");
      }
    }
  }

  /** Checks an optional {@code google.protobuf.Int64Value} checksum: JSON gives it as a string. */
  private static boolean checkCrc(JsonObject req, String field, byte[] data, String dataField) {
    JsonElement e = req.get(field);
    if (e == null || e.isJsonNull()) {
      return false;
    }
    long crc;
    try {
      crc = Long.parseLong(e.getAsString());
    } catch (NumberFormatException | UnsupportedOperationException bad) {
      throw GoogleError.invalidArgument("Invalid value at '" + field + "' (TYPE_INT64)");
    }
    if (crc != crc32c(data)) {
      throw GoogleError.invalidArgument(
          "The checksum in field " + field + " did not match the data in field " + dataField + ".");
    }
    return true;
  }

  private JsonObject encrypt(String name, JsonObject req) {
    byte[] k = keyFor(name);
    byte[] plain = bytes(req, "plaintext");
    byte[] aad = bytes(req, "additionalAuthenticatedData");
    boolean plainCrc = checkCrc(req, "plaintextCrc32c", plain, "plaintext");
    boolean aadCrc =
        checkCrc(req, "additionalAuthenticatedDataCrc32c", aad, "additionalAuthenticatedData");
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    byte[] ct = gcm(Cipher.ENCRYPT_MODE, k, iv, aad, plain);
    byte[] c = ByteBuffer.allocate(12 + ct.length).put(iv).put(ct).array();
    JsonObject r = new JsonObject();
    r.addProperty("name", stripVersion(name) + "/cryptoKeyVersions/1");
    r.addProperty("ciphertext", Base64.getEncoder().encodeToString(c));
    r.addProperty("ciphertextCrc32c", Long.toString(checksum(c)));
    r.addProperty("verifiedPlaintextCrc32c", plainCrc);
    r.addProperty("verifiedAdditionalAuthenticatedDataCrc32c", aadCrc);
    r.addProperty("protectionLevel", "SOFTWARE");
    return r;
  }

  private JsonObject decrypt(String name, JsonObject req) {
    if (name.contains("/cryptoKeyVersions/")) {
      throw GoogleError.invalidArgument("Decrypt takes a CryptoKey name, not a CryptoKeyVersion");
    }
    byte[] k = keyFor(name);
    byte[] ciphertext = bytes(req, "ciphertext");
    byte[] aad = bytes(req, "additionalAuthenticatedData");
    checkCrc(req, "ciphertextCrc32c", ciphertext, "ciphertext");
    checkCrc(req, "additionalAuthenticatedDataCrc32c", aad, "additionalAuthenticatedData");
    ByteBuffer in = ByteBuffer.wrap(ciphertext);
    if (in.remaining() < 12 + 16) {
      throw GoogleError.invalidArgument("Decryption failed: the ciphertext is invalid.");
    }
    byte[] iv = new byte[12];
    in.get(iv);
    byte[] ct = new byte[in.remaining()];
    in.get(ct);
    byte[] plain = gcm(Cipher.DECRYPT_MODE, k, iv, aad, ct);
    decrypts.incrementAndGet();
    JsonObject r = new JsonObject();
    r.addProperty("plaintext", Base64.getEncoder().encodeToString(plain));
    r.addProperty("plaintextCrc32c", Long.toString(checksum(plain)));
    r.addProperty("usedPrimary", true);
    r.addProperty("protectionLevel", "SOFTWARE");
    return r;
  }

  @Override
  public void close() {
    server.stop(0);
    ((ExecutorService) server.getExecutor()).shutdownNow();
    oauth.stop();
  }
}
