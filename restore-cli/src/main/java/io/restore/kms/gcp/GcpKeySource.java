package io.restore.kms.gcp;

import com.google.api.client.http.javanet.NetHttpTransport;
import com.google.api.gax.core.FixedCredentialsProvider;
import com.google.api.gax.core.NoCredentialsProvider;
import com.google.api.gax.retrying.RetrySettings;
import com.google.api.gax.rpc.ApiException;
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
import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.GcpSettings;
import io.restore.kms.KeyContext;
import io.restore.kms.KmsErrors;
import io.restore.kms.KmsTls;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.MetadataField;
import io.restore.snapshot.UntrustedFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.zip.CRC32C;

/**
 * The master key from Google Cloud KMS: {@code Decrypt} on the CryptoKey (the metadata's {@code
 * keyVersionResourceID} without {@code /cryptoKeyVersions/N}), with the additional authenticated
 * data when given and CRC32C checks both ways (docs/design/atlas-snapshot.md). Credentials: {@code
 * --gcp-credentials-file}, else the metadata's {@code serviceAccountKey}, else Application Default
 * Credentials.
 */
public final class GcpKeySource implements MasterKeySource, MasterKeyWrapper {
  static final String SCOPE = "https://www.googleapis.com/auth/cloudkms";
  static final List<MetadataField> KEY_FIELDS = GcpSettings.KEY_FIELDS;
  static final String FLAGS = GcpSettings.FLAGS;
  static final String DEFAULT_HOST = "cloudkms.googleapis.com";

  private final GcpSettings s;
  private final KeyContext ctx;

  public GcpKeySource(GcpSettings settings) {
    this.s = settings;
    this.ctx = settings.ctx();
  }

  @Override
  public String description() {
    return "Google Cloud KMS key "
        + s.cryptoKey()
        + ", credentials from "
        + s.origin().description()
        + s.call().endpoint().map(e -> ", endpoint " + e).orElse("");
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    String name = s.cryptoKey();
    ByteString ct = ByteString.copyFrom(encrypted.ciphertext());
    ByteString aad = ByteString.copyFrom(s.additionalAuthenticatedData());
    DecryptRequest.Builder req =
        DecryptRequest.newBuilder()
            .setName(name)
            .setCiphertext(ct)
            .setCiphertextCrc32C(Int64Value.of(crc32c(ct)));
    if (!aad.isEmpty()) {
      req.setAdditionalAuthenticatedData(aad)
          .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad)));
    }
    CredentialOrigin origin = s.origin();
    try (KeyManagementServiceClient c = client()) {
      DecryptResponse resp = c.decrypt(req.build());
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
    ByteString aad = ByteString.copyFrom(s.additionalAuthenticatedData());
    EncryptRequest.Builder req =
        EncryptRequest.newBuilder()
            .setName(s.cryptoKey())
            .setPlaintext(p)
            .setPlaintextCrc32C(Int64Value.of(crc32c(p)));
    if (!aad.isEmpty()) {
      req.setAdditionalAuthenticatedData(aad)
          .setAdditionalAuthenticatedDataCrc32C(Int64Value.of(crc32c(aad)));
    }
    try (KeyManagementServiceClient c = client()) {
      EncryptResponse resp = c.encrypt(req.build());
      if (!resp.getVerifiedPlaintextCrc32C()
          || resp.getCiphertextCrc32C().getValue() != crc32c(resp.getCiphertext())) {
        throw KmsErrors.failed(ctx, "the Encrypt response failed its CRC32C checks", null);
      }
      return resp.getCiphertext().toByteArray();
    } catch (ApiException e) {
      throw map(e, s.origin());
    }
  }

  static long crc32c(ByteString b) {
    CRC32C c = new CRC32C();
    c.update(b.asReadOnlyByteBuffer());
    return c.getValue();
  }

  /**
   * The SDK client over Cloud KMS's REST API (HTTP/JSON through google-http-client's {@code
   * NetHttpTransport}; no gRPC: docs/design/atlas-snapshot.md). {@code --kms-endpoint} replaces
   * https://cloudkms.googleapis.com; {@code --kms-ca-file} replaces the JDK's CAs.
   */
  private KeyManagementServiceClient client() {
    KeyManagementServiceSettings.Builder b = KeyManagementServiceSettings.newHttpJsonBuilder();
    Optional<URI> endpoint = s.call().endpoint();
    boolean plainText = endpoint.isPresent() && "http".equalsIgnoreCase(endpoint.get().getScheme());
    // Plain-text endpoints (local tests) get no bearer token: a token never travels unencrypted.
    b.setCredentialsProvider(
        plainText
            ? NoCredentialsProvider.create()
            : FixedCredentialsProvider.create(credentials()));
    NetHttpTransport.Builder http = new NetHttpTransport.Builder();
    if (!plainText && s.call().caFile().isPresent()) {
      http.setSslSocketFactory(KmsTls.context(s.call().caFile()).getSocketFactory());
    }
    b.setTransportChannelProvider(
        KeyManagementServiceSettings.defaultHttpJsonTransportProviderBuilder()
            .setHttpTransport(http.build())
            .build());
    endpoint.ifPresent(e -> b.setEndpoint(origin(e)));
    RetrySettings retry =
        b.decryptSettings().getRetrySettings().toBuilder()
            .setMaxAttempts(s.call().maxAttempts())
            .setTotalTimeoutDuration(s.call().timeout())
            .setInitialRpcTimeoutDuration(s.call().timeout())
            .setMaxRpcTimeoutDuration(s.call().timeout())
            .build();
    // HTTP 429, 503 and 504 arrive as the first three codes (gax-httpjson maps the status);
    // a network error (refused, reset, TLS) arrives as UNKNOWN with the IOException as cause.
    b.decryptSettings()
        .setRetrySettings(retry)
        .setRetryableCodes(
            StatusCode.Code.UNAVAILABLE,
            StatusCode.Code.DEADLINE_EXCEEDED,
            StatusCode.Code.RESOURCE_EXHAUSTED,
            StatusCode.Code.UNKNOWN);
    b.encryptSettings().setRetrySettings(retry);
    try {
      return KeyManagementServiceClient.create(b.build());
    } catch (IOException e) {
      throw KmsErrors.unavailable(ctx, endpointText(), e);
    }
  }

  /** {@code scheme://host[:port]} of --kms-endpoint; a path, as gRPC did, is ignored. */
  static String origin(URI e) {
    // getHost() keeps an IPv6 literal's brackets.
    return e.getScheme().toLowerCase(java.util.Locale.ROOT)
        + "://"
        + e.getHost()
        + (e.getPort() > 0 ? ":" + e.getPort() : "");
  }

  private String endpointText() {
    return s.call().endpoint().map(URI::toString).orElse(DEFAULT_HOST);
  }

  private GoogleCredentials credentials() {
    GcpSettings.Credentials source = s.credentials();
    try {
      GoogleCredentials c;
      if (source instanceof GcpSettings.File f) {
        byte[] json =
            UntrustedFile.read(
                f.path(),
                "credentials file (from " + FLAGS + ")",
                UntrustedFile.KEY_MAX,
                ExitCode.KMS);
        try (InputStream in = new ByteArrayInputStream(json)) {
          c = GoogleCredentials.fromStream(in);
        } finally {
          Arrays.fill(json, (byte) 0);
        }
      } else if (source instanceof GcpSettings.ServiceAccountKey k) {
        byte[] json = k.json().getBytes(StandardCharsets.UTF_8);
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
      if (e instanceof RestoreException r) {
        throw r;
      }
      CredentialOrigin o = s.origin();
      throw new RestoreException(
          ExitCode.KMS,
          "Google Cloud KMS: cannot load the credentials from "
              + o.description()
              + " for "
              + ctx.metadataFile()
              + " (not a service-account key, or a damaged one)",
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
    if (code == StatusCode.Code.UNKNOWN && networkError(e)) {
      // Words for the network failure ("connection refused", "TLS handshake failed"...).
      return KmsErrors.unavailable(ctx, endpointText(), e);
    }
    String what = code.name();
    return switch (code) {
      case UNAUTHENTICATED -> KmsErrors.credentials(ctx, what, origin, e);
      case PERMISSION_DENIED -> KmsErrors.accessDenied(ctx, what, origin, KEY_FIELDS, e);
      case NOT_FOUND, INVALID_ARGUMENT, FAILED_PRECONDITION ->
          KmsErrors.wrongKey(
              ctx,
              what + ": " + UserText.cap(Secrets.scrub(firstLine(e.getMessage()))),
              KEY_FIELDS,
              e);
      case UNAVAILABLE, RESOURCE_EXHAUSTED, DEADLINE_EXCEEDED ->
          KmsErrors.unavailable(
              ctx, endpointText(), what + " after " + s.call().maxAttempts() + " attempts", e);
      default -> KmsErrors.failed(ctx, what, e);
    };
  }

  /** Whether the call failed below HTTP: no status came back (gax-httpjson says UNKNOWN). */
  private static boolean networkError(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      if (c instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  private static String firstLine(String m) {
    return m == null ? "" : m.lines().findFirst().orElse("");
  }
}
