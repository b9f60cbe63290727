package io.restore.kms.aws;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import io.restore.UserText;
import io.restore.kms.AwsSettings;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KmsErrors;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.MetadataField;
import java.net.URI;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
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
 * (docs/design/atlas-snapshot.md). Credentials: {@link AwsSettings}; {@code --aws-role-arn} assumes
 * a role through STS first. The url-connection HTTP client keeps the product jar small.
 */
public final class AwsKeySource implements MasterKeySource, MasterKeyWrapper {
  private static final List<MetadataField> KEY_FIELDS =
      List.of(MetadataField.CUSTOMER_MASTER_KEY_ID, MetadataField.REGION);
  private final AwsSettings s;
  private final KeyContext ctx;

  public AwsKeySource(AwsSettings settings) {
    this.s = settings;
    this.ctx = settings.ctx();
  }

  @Override
  public String description() {
    return "AWS KMS key "
        + s.customerMasterKeyId().orElse("(from the ciphertext)")
        + " in "
        + region().id()
        + ", credentials from "
        + s.origin().description()
        + s.roleArn().map(a -> ", then STS AssumeRole " + a).orElse("")
        + s.call().endpoint().map(e -> ", endpoint " + e).orElse("");
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    DecryptRequest.Builder req =
        DecryptRequest.builder().ciphertextBlob(SdkBytes.fromByteArray(encrypted.ciphertext()));
    s.customerMasterKeyId().ifPresent(req::keyId);
    if (!s.encryptionContext().isEmpty()) {
      req.encryptionContext(s.encryptionContext());
    }
    try (KmsClient kms = client()) {
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
      throw map(e);
    }
  }

  @Override
  public byte[] encrypt(MasterKey key) {
    String cmk =
        s.customerMasterKeyId()
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx,
                        List.of(MetadataField.CUSTOMER_MASTER_KEY_ID),
                        "--field customerMasterKeyId=<key id or ARN>"));
    byte[] plain = key.copyBytes();
    try (KmsClient kms = client()) {
      EncryptRequest.Builder req =
          EncryptRequest.builder().keyId(cmk).plaintext(SdkBytes.fromByteArray(plain));
      if (!s.encryptionContext().isEmpty()) {
        req.encryptionContext(s.encryptionContext());
      }
      return kms.encrypt(req.build()).ciphertextBlob().asByteArray();
    } catch (SdkException e) {
      throw map(e);
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private AwsCredentialsProvider credentials() {
    AwsSettings.Credentials c = s.credentials();
    if (c instanceof AwsSettings.Keys k) {
      return StaticCredentialsProvider.create(
          k.sessionToken().isPresent()
              ? AwsSessionCredentials.create(
                  k.accessKeyId(), k.secretAccessKey(), k.sessionToken().get())
              : AwsBasicCredentials.create(k.accessKeyId(), k.secretAccessKey()));
    }
    if (c instanceof AwsSettings.Profile p) {
      return ProfileCredentialsProvider.builder().profileName(p.name()).build();
    }
    return DefaultCredentialsProvider.builder().build();
  }

  private KmsClient client() {
    SdkHttpClient http =
        UrlConnectionHttpClient.builder()
            .connectionTimeout(s.call().timeout())
            .socketTimeout(s.call().timeout())
            .build();
    ClientOverrideConfiguration override =
        ClientOverrideConfiguration.builder()
            .apiCallTimeout(s.call().timeout())
            .retryStrategy(retryStrategy())
            .build();
    AwsCredentialsProvider provider = credentials();
    Region region = region();
    if (s.roleArn().isPresent()) {
      var sts =
          StsClient.builder()
              .httpClient(http)
              .region(region)
              .credentialsProvider(provider)
              .overrideConfiguration(override);
      s.stsEndpoint().ifPresent(sts::endpointOverride);
      provider =
          StsAssumeRoleCredentialsProvider.builder()
              .stsClient(sts.build())
              .refreshRequest(
                  AssumeRoleRequest.builder()
                      .roleArn(s.roleArn().get())
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
    s.call().endpoint().ifPresent(b::endpointOverride);
    return b.build();
  }

  private RetryStrategy retryStrategy() {
    int attempts = s.call().maxAttempts();
    // The standard strategy retries throttling, 5xx and I/O errors with backoff; never 4xx.
    return attempts <= 1
        ? AwsRetryStrategy.doNotRetry()
        : AwsRetryStrategy.standardRetryStrategy().toBuilder().maxAttempts(attempts).build();
  }

  /** The settings' region, else the SDK's region chain. */
  Region region() {
    if (s.region().isPresent()) {
      return Region.of(s.region().get());
    }
    try {
      return new DefaultAwsRegionProviderChain().getRegion();
    } catch (SdkClientException e) {
      throw KmsErrors.missing(ctx, List.of(MetadataField.REGION), "--aws-region");
    }
  }

  private RuntimeException map(SdkException e) {
    CredentialOrigin origin = s.origin();
    if (e instanceof AwsServiceException ase) {
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      int status = ase.statusCode();
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
            ctx, endpoint(), what + " after " + s.call().maxAttempts() + " attempts", e);
      }
      return KmsErrors.failed(ctx, what + " " + shortMessage(ase), e);
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
              + AwsSettings.FLAGS
              + ", or --aws-role-arn with base credentials, or set them with 'restore metadata set "
              + ctx.dbpath()
              + " --accessKeyId <id> --secretAccessKey <secret>'",
          e);
    }
    return KmsErrors.unavailable(ctx, endpoint(), e);
  }

  private String endpoint() {
    return s.call().endpoint().map(URI::toString).orElse("kms." + region().id() + ".amazonaws.com");
  }

  private static String shortMessage(AwsServiceException s) {
    String m = s.awsErrorDetails() == null ? null : s.awsErrorDetails().errorMessage();
    return m == null ? "" : "(" + UserText.cap(Secrets.scrub(m)) + ")";
  }
}
