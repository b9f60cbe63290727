package io.restore.kms.aws;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KmsErrors;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.Json;
import io.restore.snapshot.MetadataField;
import java.net.URI;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.retries.api.RetryStrategy;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.kms.model.DecryptRequest;
import software.amazon.awssdk.services.kms.model.DecryptResponse;
import software.amazon.awssdk.services.kms.model.EncryptRequest;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.auth.StsAssumeRoleCredentialsProvider;
import software.amazon.awssdk.services.sts.model.AssumeRoleRequest;

/**
 * The master key from AWS KMS: {@code TrentService.Decrypt} with the ciphertext, the key id when
 * the metadata names one ({@code customerMasterKeyId}), and the encryption context when given
 * (atlas-snapshot.md). Credentials: {@link AwsCredentialChoice}; {@code --aws-role-arn} assumes a
 * role through STS first. The url-connection HTTP client keeps the product jar small.
 */
public final class AwsKeySource implements MasterKeySource, MasterKeyWrapper {
  private static final List<MetadataField> KEY_FIELDS =
      List.of(MetadataField.CUSTOMER_MASTER_KEY_ID, MetadataField.REGION);
  private final KeyContext ctx;

  public AwsKeySource(KeyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String description() {
    return "AWS KMS key "
        + ctx.metadata().text(MetadataField.CUSTOMER_MASTER_KEY_ID).orElse("(from the ciphertext)")
        + " in "
        + region().id()
        + ", credentials from "
        + origin().description()
        + ctx.settings().aws().roleArn().map(a -> ", then STS AssumeRole " + a).orElse("")
        + ctx.settings().kmsEndpoint().map(e -> ", endpoint " + e).orElse("");
  }

  private CredentialOrigin origin() {
    return AwsCredentialChoice.choose(ctx).origin();
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    AwsCredentialChoice creds = AwsCredentialChoice.choose(ctx);
    DecryptRequest.Builder req =
        DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(encrypted.ciphertext()));
    ctx.metadata().text(MetadataField.CUSTOMER_MASTER_KEY_ID).ifPresent(req::keyId);
    Map<String, String> context = encryptionContext();
    if (!context.isEmpty()) {
      req.encryptionContext(context);
    }
    try (KmsClient kms = client(creds)) {
      DecryptResponse resp = kms.decrypt(req.build());
      byte[] plain = resp.plaintext().asByteArrayUnsafe();
      try {
        if (plain.length != MasterKey.LENGTH) {
          throw KmsErrors.wrongLength(ctx, plain.length, encrypted.source());
        }
        return MasterKey.copyOf(plain);
      } finally {
        Arrays.fill(plain, (byte) 0); // the response's own buffer
      }
    } catch (SdkException e) {
      throw map(e, creds.origin());
    }
  }

  @Override
  public byte[] encrypt(MasterKey key) {
    String cmk =
        ctx.metadata()
            .text(MetadataField.CUSTOMER_MASTER_KEY_ID)
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx,
                        List.of(MetadataField.CUSTOMER_MASTER_KEY_ID),
                        "--field customerMasterKeyId=<key id or ARN>"));
    AwsCredentialChoice creds = AwsCredentialChoice.choose(ctx);
    byte[] plain = key.copyBytes();
    try (KmsClient kms = client(creds)) {
      EncryptRequest.Builder req =
          EncryptRequest.builder().keyId(cmk).plaintext(SdkBytes.fromByteArray(plain));
      Map<String, String> context = encryptionContext();
      if (!context.isEmpty()) {
        req.encryptionContext(context);
      }
      return kms.encrypt(req.build()).ciphertextBlob().asByteArray();
    } catch (SdkException e) {
      throw map(e, creds.origin());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private KmsClient client(AwsCredentialChoice creds) {
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(ctx.settings().timeout())
            .socketTimeout(ctx.settings().timeout())
            .build();
    ClientOverrideConfiguration override =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(ctx.settings().timeout())
            .retryStrategy(retryStrategy())
            .build();
    AwsCredentialsProvider provider = creds.provider();
    Region region = region();
    if (ctx.settings().aws().roleArn().isPresent()) {
      var sts =
          StsClient.builder()
              .httpClient(http)
              .region(region)
              .credentialsProvider(provider)
              .overrideConfiguration(override);
      ctx.settings().aws().stsEndpoint().ifPresent(sts::endpointOverride);
      provider =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts.build())
              .refreshRequest(
                  AssumeRoleRequest.builder()
                      .roleArn(ctx.settings().aws().roleArn().get())
                      .roleSessionName("restore-" + ProcessHandle.current().pid())
                      .durationSeconds(900)
                      .build())
              .build();
    }
    var b =
        KmsClient.builder()
            .httpClient(http)
            .region(region)
            .credentialsProvider(provider)
            .overrideConfiguration(override);
    ctx.settings().kmsEndpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  private RetryStrategy retryStrategy() {
    int attempts = ctx.settings().maxAttempts();
    // The standard strategy retries throttling, 5xx and I/O errors with backoff; never 4xx.
    return attempts <= 1
        ? AwsRetryStrategy.doNotRetry()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts).build();
  }

  /** Command line, metadata, the region in a key ARN, then the SDK's region chain. */
  Region region() {
    Optional<String> r = ctx.settings().aws().region();
    if (r.isEmpty()) {
      r = ctx.metadata().text(MetadataField.REGION);
    }
    if (r.isEmpty()) {
      r =
          ctx.metadata()
              .text(MetadataField.CUSTOMER_MASTER_KEY_ID)
              .flatMap(AwsKeySource::arnRegion);
    }
    if (r.isPresent()) {
      return Region.of(r.get().trim());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw KmsErrors.missing(ctx, List.of(MetadataField.REGION), "--aws-region");
    }
  }

  /** {@code arn:aws:kms:us-east-1:111122223333:key/...} → us-east-1. */
  static Optional<String> arnRegion(String keyId) {
    String[] parts = keyId.split(":");
    if (parts.length >= 6 && parts[0].equals("arn") && !parts[3].isBlank()) {
      return Optional.of(parts[3]);
    }
    return Optional.empty();
  }

  /** The metadata's {@code encryptionContext}: an object of strings, or that object as a string. */
  @SuppressWarnings("unchecked")
  Map<String, String> encryptionContext() {
    Optional<Object> raw = ctx.metadata().raw(MetadataField.ENCRYPTION_CONTEXT);
    Map<String, String> out = new LinkedHashMap<>();
    if (raw.isEmpty() || raw.get() instanceof String s && s.isBlank()) {
      return out;
    }
    Object v = raw.get();
    try {
      if (v instanceof String s) {
        v = Json.parse(s);
      }
    } catch (Json.SyntaxException e) {
      throw KmsErrors.invalidField(
          ctx, MetadataField.ENCRYPTION_CONTEXT, "is not a JSON object: " + e.getMessage());
    }
    if (!(v instanceof Map)) {
      throw KmsErrors.invalidField(
          ctx, MetadataField.ENCRYPTION_CONTEXT, "must be an object of string values");
    }
    for (Map.Entry<String, Object> e : ((Map<String, Object>) v).entrySet()) {
      if (!(e.getValue() instanceof String s)) {
        throw KmsErrors.invalidField(
            ctx, MetadataField.ENCRYPTION_CONTEXT, "must be an object of string values");
      }
      out.put(e.getKey(), s);
    }
    return out;
  }

  private RuntimeException map(SdkException e, CredentialOrigin origin) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorCode();
      int status = s.statusCode();
      String what = (code == null ? "HTTP " + status : code);
      if (code == null && status == 403) {
        // No error code: an XML or empty 403 (proxies, moto's IAM layer). It may be either.
        return KmsErrors.credentials(
            ctx,
            "HTTP 403 without an error code: wrong or expired credentials, or no decrypt"
                + " permission on the key",
            origin,
            e);
      }
      if ("UnrecognizedClientException".equals(code)
          || "InvalidSignatureException".equals(code)
          || "ExpiredTokenException".equals(code)
          || "InvalidClientTokenId".equals(code)
          || "SignatureDoesNotMatch".equals(code)
          || "IncompleteSignature".equals(code)
          || "MissingAuthenticationToken".equals(code)) {
        return KmsErrors.credentials(ctx, what, origin, e);
      }
      if ("AccessDeniedException".equals(code) || "AccessDenied".equals(code)) {
        return KmsErrors.accessDenied(ctx, what, origin, KEY_FIELDS, e);
      }
      if ("InvalidCiphertextException".equals(code)
          || "IncorrectKeyException".equals(code)
          || "NotFoundException".equals(code)
          || "DisabledException".equals(code)
          || "KMSInvalidStateException".equals(code)
          || "KeyUnavailableException".equals(code)
          || "InvalidKeyUsageException".equals(code)) {
        return KmsErrors.wrongKey(ctx, what, KEY_FIELDS, e);
      }
      if (status == 429 || status >= 500 || "ThrottlingException".equals(code)) {
        return KmsErrors.unavailable(
            ctx, endpoint(), what + " after " + ctx.settings().maxAttempts() + " attempts", e);
      }
      return KmsErrors.failed(ctx, what + " " + shortMessage(s), e);
    }
    String m = e.getMessage() == null ? "" : e.getMessage();
    if (m.contains("Unable to load credentials")) {
      return new RestoreException(
          ExitCode.KMS,
          "AWS KMS: no credentials for "
              + ctx.metadataFile()
              + ": the file has no accessKeyId/secretAccessKey"
              + (ctx.metadata().has(MetadataField.ROLE_ID)
                  ? " (roleId is set: Atlas used role-based access)"
                  : "")
              + " and the AWS default chain found none",
          "pass "
              + AwsCredentialChoice.FLAGS
              + ", or --aws-role-arn with base credentials, or set them with 'restore metadata set "
              + ctx.dbpath()
              + " --accessKeyId <id> --secretAccessKey <secret>'",
          e);
    }
    return KmsErrors.unavailable(ctx, endpoint(), e);
  }

  private String endpoint() {
    return ctx.settings()
        .kmsEndpoint()
        .map(URI::toString)
        .orElse("kms." + region().id() + ".amazonaws.com");
  }

  private static String shortMessage(AwsServiceException s) {
    String m = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
    return m == null ? "" : "(" + (m.length() > 200 ? m.substring(0, 200) : m) + ")";
  }
}
