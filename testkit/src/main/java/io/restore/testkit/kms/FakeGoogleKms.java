package io.restore.testkit.kms;

import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.DecryptResponse;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.EncryptResponse;
import com.google.gson.JsonObject;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsServerCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
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
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.zip.CRC32C;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test double of Google Cloud KMS: {@code google.cloud.kms.v1.KeyManagementService/Encrypt} and
 * {@code /Decrypt} over gRPC with TLS on 127.0.0.1 (clients trust {@link #caFile()}), real
 * AES-256-GCM with the additional authenticated data, and CRC32C checks both ways. Calls need a
 * bearer token: one issued by its OAuth token endpoint ({@link #tokenUri()}, the JWT-bearer grant
 * signed with the service-account key of {@link #serviceAccountKeyJson()}), or a self-signed JWT
 * with that key. The service definition is built by hand from the {@code proto-google-cloud-kms-v1}
 * messages.
 */
public final class FakeGoogleKms implements AutoCloseable {
  public static final String SERVICE = "google.cloud.kms.v1.KeyManagementService";
  public static final String CLIENT_EMAIL = "atlas-kms@restore-test.iam.gserviceaccount.com";

  private static final MethodDescriptor<EncryptRequest, EncryptResponse> ENCRYPT =
      MethodDescriptor.<EncryptRequest, EncryptResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Encrypt"))
          .setRequestMarshaller(ProtoUtils.marshaller(EncryptRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(EncryptResponse.getDefaultInstance()))
          .build();
  private static final MethodDescriptor<DecryptRequest, DecryptResponse> DECRYPT =
      MethodDescriptor.<DecryptRequest, DecryptResponse>newBuilder()
          .setType(MethodDescriptor.MethodType.UNARY)
          .setFullMethodName(MethodDescriptor.generateFullMethodName(SERVICE, "Decrypt"))
          .setRequestMarshaller(ProtoUtils.marshaller(DecryptRequest.getDefaultInstance()))
          .setResponseMarshaller(ProtoUtils.marshaller(DecryptResponse.getDefaultInstance()))
          .build();
  private static final Context.Key<String> CALLER = Context.key("caller");

  private final LoopbackTls tls;
  private final KeyPair serviceAccount;
  private final FakeGoogleOAuth oauth;
  private Server server;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, byte[]> keys = new ConcurrentHashMap<>();
  private final Set<String> deniedKeys = ConcurrentHashMap.newKeySet();
  private final AtomicInteger decrypts = new AtomicInteger();

  private FakeGoogleKms(LoopbackTls tls, KeyPair serviceAccount, FakeGoogleOAuth oauth) {
    this.tls = tls;
    this.serviceAccount = serviceAccount;
    this.oauth = oauth;
  }

  /** Starts the gRPC service (TLS) and the token endpoint (HTTP) on 127.0.0.1. */
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
    ServerServiceDefinition service =
        ServerServiceDefinition.builder(SERVICE)
            .addMethod(ENCRYPT, ServerCalls.asyncUnaryCall(unary(kms::encrypt)))
            .addMethod(DECRYPT, ServerCalls.asyncUnaryCall(unary(kms::decrypt)))
            .build();
    kms.server =
        NettyServerBuilder.forAddress(
                new InetSocketAddress("127.0.0.1", 0),
                TlsServerCredentials.create(
                    new ByteArrayInputStream(
                        tls.certificatePem().getBytes(StandardCharsets.US_ASCII)),
                    new ByteArrayInputStream(
                        tls.privateKeyPem().getBytes(StandardCharsets.US_ASCII))))
            .addService(ServerInterceptors.intercept(service, kms.new BearerCheck()))
            .build()
            .start();
    return kms;
  }

  private static <Q, R> ServerCalls.UnaryMethod<Q, R> unary(BiFunction<Q, String, R> f) {
    return (Q req, StreamObserver<R> out) -> {
      try {
        out.onNext(f.apply(req, CALLER.get()));
        out.onCompleted();
      } catch (StatusRuntimeException e) {
        out.onError(e);
      }
    };
  }

  /**
   * {@code 127.0.0.1:port} of the gRPC service; {@code https://} form for {@code --kms-endpoint}.
   */
  public URI endpoint() {
    return URI.create("https://127.0.0.1:" + server.getPort());
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

  static long crc32c(ByteString b) {
    CRC32C c = new CRC32C();
    c.update(b.asReadOnlyByteBuffer());
    return c.getValue();
  }

  private static byte[] gcm(int mode, byte[] key, byte[] iv, byte[] aad, byte[] in) {
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, iv));
      c.updateAAD(aad);
      return c.doFinal(in);
    } catch (GeneralSecurityException e) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Decryption failed: the ciphertext is invalid.")
          .asRuntimeException();
    }
  }

  private byte[] keyFor(String name) {
    String cryptoKey = stripVersion(name);
    if (deniedKeys.contains(cryptoKey)) {
      throw Status.PERMISSION_DENIED
          .withDescription(
              "Permission 'cloudkms.cryptoKeyVersions.useToDecrypt' denied on resource '"
                  + cryptoKey
                  + "'")
          .asRuntimeException();
    }
    byte[] k = keys.get(cryptoKey);
    if (k == null) {
      throw Status.NOT_FOUND.withDescription(cryptoKey + " not found.").asRuntimeException();
    }
    return k;
  }

  private static void checkCrc(String field, ByteString data, boolean has, Int64Value crc) {
    if (has && crc.getValue() != crc32c(data)) {
      throw Status.INVALID_ARGUMENT
          .withDescription("The checksum in field " + field + " did not match the data in field.")
          .asRuntimeException();
    }
  }

  private EncryptResponse encrypt(EncryptRequest req, String caller) {
    byte[] k = keyFor(req.getName());
    checkCrc(
        "plaintext_crc32c", req.getPlaintext(), req.hasPlaintextCrc32C(), req.getPlaintextCrc32C());
    checkCrc(
        "additional_authenticated_data_crc32c",
        req.getAdditionalAuthenticatedData(),
        req.hasAdditionalAuthenticatedDataCrc32C(),
        req.getAdditionalAuthenticatedDataCrc32C());
    byte[] ct =
        encrypt(
            req.getName(),
            req.getPlaintext().toByteArray(),
            req.getAdditionalAuthenticatedData().toByteArray());
    ByteString c = ByteString.copyFrom(ct);
    return EncryptResponse.newBuilder()
        .setName(stripVersion(req.getName()) + "/cryptoKeyVersions/1")
        .setCiphertext(c)
        .setCiphertextCrc32C(Int64Value.of(crc32c(c)))
        .setVerifiedPlaintextCrc32C(req.hasPlaintextCrc32C())
        .setVerifiedAdditionalAuthenticatedDataCrc32C(req.hasAdditionalAuthenticatedDataCrc32C())
        .build();
  }

  private DecryptResponse decrypt(DecryptRequest req, String caller) {
    if (req.getName().contains("/cryptoKeyVersions/")) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Decrypt takes a CryptoKey name, not a CryptoKeyVersion")
          .asRuntimeException();
    }
    byte[] k = keyFor(req.getName());
    checkCrc(
        "ciphertext_crc32c",
        req.getCiphertext(),
        req.hasCiphertextCrc32C(),
        req.getCiphertextCrc32C());
    checkCrc(
        "additional_authenticated_data_crc32c",
        req.getAdditionalAuthenticatedData(),
        req.hasAdditionalAuthenticatedDataCrc32C(),
        req.getAdditionalAuthenticatedDataCrc32C());
    ByteBuffer in = req.getCiphertext().asReadOnlyByteBuffer();
    if (in.remaining() < 12 + 16) {
      throw Status.INVALID_ARGUMENT
          .withDescription("Decryption failed: the ciphertext is invalid.")
          .asRuntimeException();
    }
    byte[] iv = new byte[12];
    in.get(iv);
    byte[] ct = new byte[in.remaining()];
    in.get(ct);
    ByteString plain =
        ByteString.copyFrom(
            gcm(
                Cipher.DECRYPT_MODE,
                k,
                iv,
                req.getAdditionalAuthenticatedData().toByteArray(),
                ct));
    decrypts.incrementAndGet();
    return DecryptResponse.newBuilder()
        .setPlaintext(plain)
        .setPlaintextCrc32C(Int64Value.of(crc32c(plain)))
        .setUsedPrimary(true)
        .build();
  }

  private final class BearerCheck implements ServerInterceptor {
    private final Metadata.Key<String> authorization =
        Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(
        ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
      String auth = headers.get(authorization);
      String token = auth != null && auth.startsWith("Bearer ") ? auth.substring(7) : "";
      if (!oauth.accepts(token)) {
        call.close(
            Status.UNAUTHENTICATED.withDescription(
                "Request had invalid authentication credentials."),
            new Metadata());
        return new ServerCall.Listener<>() {};
      }
      return Contexts.interceptCall(
          Context.current().withValue(CALLER, token), call, headers, next);
    }
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    oauth.stop();
  }
}
