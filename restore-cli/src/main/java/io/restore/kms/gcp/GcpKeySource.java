package io.restore.kms.gcp;

import com.google.api.gax.core.CredentialsProvider;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.grpc.GrpcTransportChannel;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
import com.google.api.gax.rpc.FixedTransportChannelProvider;
import com.google.api.gax.rpc.StatusCode;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.kms.v1.DecryptRequest;
import com.google.cloud.kms.v1.DecryptResponse;
import com.google.cloud.kms.v1.EncryptRequest;
import com.google.cloud.kms.v1.EncryptResponse;
import com.google.cloud.kms.v1.KeyManagementServiceClient;
import com.google.cloud.kms.v1.KeyManagementServiceSettings;
import com.google.protobuf.ByteString;
import com.google.protobuf.Int64Value;
import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.TlsChannelCredentials;
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KmsErrors;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.Base64Text;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.MetadataField;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32C;

/**
 * The master key from Google Cloud KMS: {@code Decrypt} on the CryptoKey (the metadata's {@code
 * keyVersionResourceID} without {@code /cryptoKeyVersions/N}), with the additional authenticated
 * data when given and CRC32C checks both ways (atlas-snapshot.md). Credentials: {@code
 * --gcp-credentials-file}, else the metadata's {@code serviceAccountKey}, else Application Default
 * Credentials.
 */
public final class GcpKeySource implements MasterKeySource, MasterKeyWrapper {
  static final String SCOPE = "https://www.googleapis.com/auth/cloudkms";
  static final List<MetadataField> CREDENTIAL_FIELDS = List.of(MetadataField.SERVICE_ACCOUNT_KEY);
  static final List<MetadataField> KEY_FIELDS = List.of(MetadataField.KEY_VERSION_RESOURCE_ID);
  static final String FLAGS = "--gcp-credentials-file";

  private final KeyContext ctx;

  public GcpKeySource(KeyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String description() {
    return "Google Cloud KMS key "
        + cryptoKey()
        + ", credentials from "
        + origin().description()
        + ctx.settings().kmsEndpoint().map(e -> ", endpoint " + e).orElse("");
  }

  private CredentialOrigin origin() {
    if (ctx.settings().gcp().credentialsFile().isPresent()) {
      return CredentialOrigin.commandLine(FLAGS, CREDENTIAL_FIELDS);
    }
    if (ctx.metadata().has(MetadataField.SERVICE_ACCOUNT_KEY)) {
      return CredentialOrigin.metadata(CREDENTIAL_FIELDS, FLAGS);
    }
    return CredentialOrigin.defaultChain(
        "Application Default Credentials (the metadata has no serviceAccountKey)",
        CREDENTIAL_FIELDS,
        FLAGS);
  }

  /** The CryptoKey: Decrypt takes the key, not a version. */
  String cryptoKey() {
    String name =
        ctx.metadata()
            .text(MetadataField.KEY_VERSION_RESOURCE_ID)
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx, KEY_FIELDS, "no flag: the key's resource name is needed"))
            .trim();
    if (!name.matches(
        "projects/[^/]+/locations/[^/]+/keyRings/[^/]+/cryptoKeys/[^/]+(/cryptoKeyVersions/[^/]+)?")) {
      throw KmsErrors.invalidField(
          ctx,
          MetadataField.KEY_VERSION_RESOURCE_ID,
          "is not projects/P/locations/L/keyRings/R/cryptoKeys/K[/cryptoKeyVersions/N]");
    }
    int i = name.indexOf("/cryptoKeyVersions/");
    return i < 0 ? name : name.substring(0, i);
  }

  private byte[] aad() {
    Optional<String> aad = ctx.metadata().text(MetadataField.ADDITIONAL_AUTHENTICATED_DATA);
    if (aad.isEmpty()) {
      return new byte[0];
    }
    return Base64Text.decode(aad.get())
        .orElseThrow(
            () ->
                KmsErrors.invalidField(
                    ctx, MetadataField.ADDITIONAL_AUTHENTICATED_DATA, "is not base64"));
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    String name = cryptoKey();
    ByteString ct = ByteString.copyFrom(encrypted.ciphertext());
    ByteString aad = ByteString.copyFrom(aad());
    DecryptRequest.Builder req =
        DecryptRequest.newBuilder()
            .setName(name)
            .setCiphertext(ct)
            .setCiphertextCrc32C(Int64Value.of(crc32c(ct)));
    if (!aad.isEmpty()) {
      req.setAdditionalAuthenticatedData(aad)
          .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad)));
    }
    CredentialOrigin origin = origin();
    Client c = client();
    try (c) {
      DecryptResponse resp = c.kms().decrypt(req.build());
      byte[] plain = resp.getPlaintext().toByteArray();
      try {
        if (resp.hasPlaintextCrc32C()
            && resp.getPlaintextCrc32C().getValue() != crc32c(resp.getPlaintext())) {
          throw KmsErrors.failed(
              ctx, "the plaintext's CRC32C does not match (corrupted in transit)", null);
        }
        if (plain.length != MasterKey.LENGTH) {
          throw KmsErrors.wrongLength(ctx, plain.length, encrypted.source());
        }
        return MasterKey.copyOf(plain);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    } catch (ApiException e) {
      throw map(e, origin);
    }
  }

  @Override
  public byte[] encrypt(MasterKey key) {
    byte[] plain = key.copyBytes();
    ByteString p = ByteString.copyFrom(plain);
    Arrays.fill(plain, (byte) 0);
    ByteString aad = ByteString.copyFrom(aad());
    EncryptRequest.Builder req =
        EncryptRequest.newBuilder()
            .setName(cryptoKey())
            .setPlaintext(p)
            .setPlaintextCrc32C(Int64Value.of(crc32c(p)));
    if (!aad.isEmpty()) {
      req.setAdditionalAuthenticatedData(aad)
          .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad)));
    }
    Client c = client();
    try (c) {
      EncryptResponse resp = c.kms().encrypt(req.build());
      if (!resp.getVerifiedPlaintextCrc32C()
          || resp.getCiphertextCrc32C().getValue() != crc32c(resp.getCiphertext())) {
        throw KmsErrors.failed(ctx, "the Encrypt response failed its CRC32C checks", null);
      }
      return resp.getCiphertext().toByteArray();
    } catch (ApiException e) {
      throw map(e, origin());
    }
  }

  static long crc32c(ByteString b) {
    CRC32C c = new CRC32C();
    c.update(b.asReadOnlyByteBuffer());
    return c.getValue();
  }

  /** The SDK client and the channel we own (when --kms-endpoint is given). */
  private record Client(KeyManagementServiceClient kms, Optional<ManagedChannel> channel)
      implements AutoCloseable {
    @Override
    public void close() {
      kms.close();
      channel.ifPresent(
          ch -> {
            ch.shutdownNow();
            try {
              ch.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
    }
  }

  private Client client() {
    KeyManagementServiceSettings.Builder b = KeyManagementServiceSettings.newBuilder();
    Optional<ManagedChannel> channel = Optional.empty();
    CredentialsProvider creds;
    Optional<URI> endpoint = ctx.settings().kmsEndpoint();
    if (endpoint.isPresent() && "http".equalsIgnoreCase(endpoint.get().getScheme())) {
      // Plain-text endpoints (local tests) cannot carry bearer tokens: gRPC refuses to send them.
      creds = NoCredentialsProvider.create();
    } else {
      creds = FixedCredentialsProvider.create(credentials());
    }
    b.setCredentialsProvider(creds);
    if (endpoint.isPresent()) {
      URI e = endpoint.get();
      ChannelCredentials cc;
      try {
        cc =
            "http".equalsIgnoreCase(e.getScheme())
                ? InsecureChannelCredentials.create()
                : ctx.settings().kmsCaFile().isPresent()
                    ? TlsChannelCredentials.newBuilder()
                        .trustManager(ctx.settings().kmsCaFile().get().toFile())
                        .build()
                    : TlsChannelCredentials.create();
      } catch (IOException ex) {
        throw new RestoreException(
            ExitCode.USAGE,
            "cannot use --kms-ca-file " + ctx.settings().kmsCaFile().get() + ": " + ex.getMessage(),
            "pass a PEM file with the CA certificates of the KMS endpoint",
            ex);
      }
      int port = e.getPort() > 0 ? e.getPort() : 443;
      ManagedChannel ch = Grpc.newChannelBuilderForAddress(e.getHost(), port, cc).build();
      channel = Optional.of(ch);
      b.setTransportChannelProvider(
          FixedTransportChannelProvider.create(GrpcTransportChannel.create(ch)));
    }
    RetrySettings retry =
        b.decryptSettings().getRetrySettings().toBuilder()
            .setMaxAttempts(ctx.settings().maxAttempts())
            .setTotalTimeoutDuration(ctx.settings().timeout())
            .setInitialRpcTimeoutDuration(ctx.settings().timeout())
            .setMaxRpcTimeoutDuration(ctx.settings().timeout())
            .build();
    b.decryptSettings()
        .setRetrySettings(retry)
        .setRetryableCodes(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.RESOURCE_EXHAUSTED);
    b.encryptSettings().setRetrySettings(retry);
    try {
      return new Client(KeyManagementServiceClient.create(b.build()), channel);
    } catch (IOException e) {
      channel.ifPresent(ManagedChannel::shutdownNow);
      throw KmsErrors.unavailable(
          ctx, endpoint.map(URI::toString).orElse("cloudkms.googleapis.com"), e);
    }
  }

  private GoogleCredentials credentials() {
    try {
      Optional<Path> file = ctx.settings().gcp().credentialsFile();
      GoogleCredentials c;
      if (file.isPresent()) {
        try (InputStream in = Files.newInputStream(file.get())) {
          c = GoogleCredentials.fromStream(in);
        }
      } else if (ctx.metadata().has(MetadataField.SERVICE_ACCOUNT_KEY)) {
        byte[] json =
            ctx.metadata()
                .text(MetadataField.SERVICE_ACCOUNT_KEY)
                .orElseThrow()
                .getBytes(StandardCharsets.UTF_8);
        try (InputStream in = new ByteArrayInputStream(json)) {
          // Only a service-account key: other credential types can make the library fetch URLs.
          c = ServiceAccountCredentials.fromStream(in);
        } finally {
          Arrays.fill(json, (byte) 0);
        }
      } else {
        c = GoogleCredentials.getApplicationDefault();
      }
      return c.createScopedRequired() ? c.createScoped(List.of(SCOPE)) : c;
    } catch (IOException | RuntimeException e) {
      CredentialOrigin o = origin();
      throw new RestoreException(
          ExitCode.KMS,
          "Google Cloud KMS: cannot load the credentials from "
              + o.description()
              + " for "
              + ctx.metadataFile()
              + " ("
              + e.getClass().getSimpleName()
              + ")",
          o.fromCommandLine()
              ? "check the file given to " + FLAGS
              : "update "
                  + ctx.metadataFile()
                  + " field serviceAccountKey with the service account's JSON key ('restore metadata set "
                  + ctx.dbpath()
                  + " --serviceAccountKey @key.json'), or pass "
                  + FLAGS,
          e);
    }
  }

  private RuntimeException map(ApiException e, CredentialOrigin origin) {
    StatusCode.Code code = e.getStatusCode().getCode();
    String what = code.name();
    return switch (code) {
      case UNAUTHENTICATED -> KmsErrors.credentials(ctx, what, origin, e);
      case PERMISSION_DENIED -> KmsErrors.accessDenied(ctx, what, origin, KEY_FIELDS, e);
      case NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION ->
          KmsErrors.wrongKey(ctx, what + ": " + firstLine(e.getMessage()), KEY_FIELDS, e);
      case UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED ->
          KmsErrors.unavailable(
              ctx,
              ctx.settings().kmsEndpoint().map(URI::toString).orElse("cloudkms.googleapis.com"),
              what + " after " + ctx.settings().maxAttempts() + " attempts",
              e);
      default -> KmsErrors.failed(ctx, what, e);
    };
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse("");
  }
}
