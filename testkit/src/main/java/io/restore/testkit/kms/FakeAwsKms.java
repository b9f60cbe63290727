package io.restore.testkit.kms;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4FamilyHttpSigner;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.AwsSessionCredentialsIdentity;

/**
 * A test double of AWS KMS in this JVM: the JSON 1.1 protocol ({@code X-Amz-Target:
 * TrentService.Encrypt|Decrypt}) on 127.0.0.1, every request's SigV4 signature checked by
 * re-signing it with the SDK's own {@link AwsV4HttpSigner}. Keys are AES-256-GCM keys held in
 * memory; the encryption context is the AAD. Errors come back as AWS does: {@code {"__type": ...,
 * "message": ...}} with status 400. Not AWS: the ciphertext format is our own.
 */
public final class FakeAwsKms implements AutoCloseable {
  public static final String REGION = "us-east-1";
  public static final String ACCESS_KEY_ID = "AKIAFAKEKMSDOUBLE0001";
  public static final String SECRET_ACCESS_KEY = "fake/secret/for/the/kms/double";
  private static final String ACCOUNT = "111122223333";
  private static final Pattern AUTH =
      Pattern.compile(
          "AWS4-HMAC-SHA256 Credential=([^/]+)/(\\d{8})/([^/]+)/([^/]+)/aws4_request,"
              + "\\s*SignedHeaders=([^,]+),\\s*Signature=([0-9a-f]+)");

  private record Secret(String secretKey, Optional<String> sessionToken) {}

  private final HttpServer server;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  private final Map<String, Secret> credentials = new ConcurrentHashMap<>();
  private final Map<String, Boolean> denied = new ConcurrentHashMap<>();
  private final AtomicInteger throttleNext = new AtomicInteger();
  private final AtomicInteger requests = new AtomicInteger();

  private FakeAwsKms(HttpServer server) {
    this.server = server;
    credentials.put(ACCESS_KEY_ID, new Secret(SECRET_ACCESS_KEY, Optional.empty()));
  }

  /**
   * Starts on 127.0.0.1 on a free port; knows {@link #ACCESS_KEY_ID}/{@link #SECRET_ACCESS_KEY}.
   */
  public static FakeAwsKms start() throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
    FakeAwsKms kms = new FakeAwsKms(s);
    s.createContext("/", kms::handle);
    s.setExecutor(
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "fake-aws-kms");
              t.setDaemon(true);
              return t;
            }));
    s.start();
    return kms;
  }

  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Creates a symmetric key; returns its ARN. */
  public String createKey() {
    String arn = "arn:aws:kms:" + REGION + ":" + ACCOUNT + ":key/" + UUID.randomUUID();
    byte[] k = new byte[32];
    random.nextBytes(k);
    keys.put(arn, k);
    return arn;
  }

  /** Accepts another access key (with a session token when given). */
  public void addCredentials(String accessKeyId, String secret, Optional<String> sessionToken) {
    credentials.put(accessKeyId, new Secret(secret, sessionToken));
  }

  /** Valid credentials that may not use any key (AccessDeniedException). */
  public void denyAccess(String accessKeyId) {
    denied.put(accessKeyId, true);
  }

  /** The next {@code n} requests get ThrottlingException. */
  public void throttleNext(int n) {
    throttleNext.set(n);
  }

  /** Requests received (signed or not). */
  public int requestCount() {
    return requests.get();
  }

  /** Encrypts as {@code Encrypt} would, for tests and samples. */
  public byte[] encrypt(String keyArn, byte[] plaintext, Map<String, String> context) {
    byte[] k = keys.get(keyArn);
    if (k == null) {
      throw new IllegalArgumentException("no such key " + keyArn);
    }
    byte[] id = keyArn.getBytes(StandardCharsets.UTF_8);
    byte[] iv = new byte[12];
    random.nextBytes(iv);
    byte[] ct = gcm(Cipher.ENCRYPT_MODE, k, iv, aad(context), plaintext);
    return ByteBuffer.allocate(2 + id.length + 12 + ct.length)
        .putShort((short) id.length)
        .put(id)
        .put(iv)
        .put(ct)
        .array();
  }

  private static byte[] aad(Map<String, String> context) {
    StringBuilder b = new StringBuilder();
    new TreeMap<>(context).forEach((k, v) -> b.append(k).append('=').append(v).append('\n'));
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("bad ciphertext", e);
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    requests.incrementAndGet();
    try (ex) {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (throttleNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        error(ex, "ThrottlingException", "Rate exceeded");
        return;
      }
      Optional<String> authError = checkSignature(ex, body);
      if (authError.isPresent()) {
        String[] e = authError.get().split(":", 2);
        error(ex, e[0], e[1]);
        return;
      }
      String target = ex.getRequestHeaders().getFirst("X-Amz-Target");
      JsonObject req =
          JsonParser.parseString(new String(body, StandardCharsets.UTF_8)).getAsJsonObject();
      Map<String, String> context = new TreeMap<>();
      if (req.has("EncryptionContext")) {
        for (Map.Entry<String, JsonElement> e :
            req.getAsJsonObject("EncryptionContext").entrySet()) {
          context.put(e.getKey(), e.getValue().getAsString());
        }
      }
      if ("TrentService.Encrypt".equals(target)) {
        String keyId = req.get("KeyId").getAsString();
        if (!keys.containsKey(keyId)) {
          error(ex, "NotFoundException", "Key '" + keyId + "' does not exist");
          return;
        }
        byte[] ct =
            encrypt(keyId, Base64.getDecoder().decode(req.get("Plaintext").getAsString()), context);
        JsonObject r = new JsonObject();
        r.addProperty("CiphertextBlob", Base64.getEncoder().encodeToString(ct));
        r.addProperty("KeyId", keyId);
        r.addProperty("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
        reply(ex, 200, r);
      } else if ("TrentService.Decrypt".equals(target)) {
        decrypt(ex, req, context);
      } else {
        error(ex, "UnknownOperationException", "not served by the double: " + target);
      }
    } catch (RuntimeException e) {
      error(ex, "InternalFailure", e.toString());
    }
  }

  private void decrypt(HttpExchange ex, JsonObject req, Map<String, String> context)
      throws IOException {
    ByteBuffer blob =
        ByteBuffer.wrap(Base64.getDecoder().decode(req.get("CiphertextBlob").getAsString()));
    String arn;
    byte[] iv = new byte[12];
    byte[] ct;
    try {
      byte[] id = new byte[blob.getShort()];
      blob.get(id);
      arn = new String(id, StandardCharsets.UTF_8);
      blob.get(iv);
      ct = new byte[blob.remaining()];
      blob.get(ct);
    } catch (RuntimeException e) {
      error(ex, "InvalidCiphertextException", "");
      return;
    }
    if (req.has("KeyId")
        && !req.get("KeyId").getAsString().equals(arn)
        && !arn.endsWith("/" + req.get("KeyId").getAsString())) {
      error(
          ex,
          "IncorrectKeyException",
          "The key ID in the request does not identify a CMK that can perform this operation.");
      return;
    }
    byte[] k = keys.get(arn);
    if (k == null) {
      error(ex, "NotFoundException", "Key '" + arn + "' does not exist");
      return;
    }
    byte[] plain;
    try {
      plain = gcm(Cipher.DECRYPT_MODE, k, iv, aad(context), ct);
    } catch (IllegalArgumentException e) {
      error(ex, "InvalidCiphertextException", "");
      return;
    }
    JsonObject r = new JsonObject();
    r.addProperty("KeyId", arn);
    r.addProperty("Plaintext", Base64.getEncoder().encodeToString(plain));
    r.addProperty("EncryptionAlgorithm", "SYMMETRIC_DEFAULT");
    reply(ex, 200, r);
  }

  /** Empty when the SigV4 signature is right; else "ErrorType:message". */
  private Optional<String> checkSignature(HttpExchange ex, byte[] body) {
    String auth = ex.getRequestHeaders().getFirst("Authorization");
    String date = ex.getRequestHeaders().getFirst("X-Amz-Date");
    if (auth == null || date == null) {
      return Optional.of("MissingAuthenticationTokenException:Missing Authentication Token");
    }
    Matcher m = AUTH.matcher(auth);
    if (!m.matches()) {
      return Optional.of("IncompleteSignatureException:bad Authorization header");
    }
    String accessKey = m.group(1);
    Secret secret = credentials.get(accessKey);
    if (secret == null) {
      return Optional.of(
          "UnrecognizedClientException:The security token included in the request is invalid.");
    }
    String token = ex.getRequestHeaders().getFirst("X-Amz-Security-Token");
    if (!secret.sessionToken().equals(Optional.ofNullable(token))) {
      return Optional.of(
          "UnrecognizedClientException:The security token included in the request is invalid.");
    }
    Instant when =
        Instant.from(
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmssX").withZone(ZoneOffset.UTC).parse(date));
    SdkHttpRequest.Builder copy =
        SdkHttpRequest.builder()
            .method(SdkHttpMethod.fromValue(ex.getRequestMethod()))
            .uri(
                URI.create(
                    "http://" + ex.getRequestHeaders().getFirst("Host") + ex.getRequestURI()));
    for (String h : m.group(5).split(";")) {
      String v = ex.getRequestHeaders().getFirst(h);
      if (v != null && !h.equals("host")) {
        copy.putHeader(h, v);
      }
    }
    AwsCredentialsIdentity id =
        token == null
            ? AwsCredentialsIdentity.create(accessKey, secret.secretKey())
            : AwsSessionCredentialsIdentity.create(accessKey, secret.secretKey(), token);
    SignedRequest signed =
        AwsV4HttpSigner.create()
            .sign(
                r ->
                    r.identity(id)
                        .request(copy.build())
                        .payload(ContentStreamProvider.fromByteArray(body))
                        .putProperty(AwsV4FamilyHttpSigner.SERVICE_SIGNING_NAME, m.group(4))
                        .putProperty(AwsV4HttpSigner.REGION_NAME, m.group(3))
                        .putProperty(HttpSigner.SIGNING_CLOCK, Clock.fixed(when, ZoneOffset.UTC)));
    String expected = signed.request().firstMatchingHeader("Authorization").orElse("");
    Matcher e = AUTH.matcher(expected);
    if (!e.matches()
        || !MessageDigest.isEqual(
            e.group(6).getBytes(StandardCharsets.US_ASCII),
            m.group(6).getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(
          "InvalidSignatureException:The request signature we calculated does not match the signature you provided.");
    }
    if (denied.containsKey(accessKey)) {
      return Optional.of("AccessDeniedException:User is not authorized to perform: kms:Decrypt");
    }
    return Optional.empty();
  }

  private static void error(HttpExchange ex, String type, String message) throws IOException {
    JsonObject r = new JsonObject();
    r.addProperty("__type", type);
    r.addProperty("message", message);
    reply(ex, type.equals("InternalFailure") ? 500 : 400, r);
  }

  private static void reply(HttpExchange ex, int status, JsonObject body) throws IOException {
    byte[] b = body.toString().getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", "application/x-amz-json-1.1");
    ex.getResponseHeaders().set("x-amzn-RequestId", UUID.randomUUID().toString());
    ex.sendResponseHeaders(status, b.length);
    ex.getResponseBody().write(b);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
