package io.restore.kms;

import io.restore.snapshot.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The key-source options of a command line ({@code KeySourceOptions} in the CLI), as data. Every
 * credential given here wins over the metadata file; the SDK's default chain comes last. {@link
 * #toString()} shows which options are set, never a value.
 *
 * @param keyId {@code --key-id}: which key.store entry, when there are several
 * @param cloudProvider {@code --cloud-provider} / {@code -cloudProvider}
 * @param encryptedKeyFile {@code --encrypted-key-file}: the KMS ciphertext of the master key
 * @param keyFile {@code --key-file}: the master key itself (raw 32 bytes or base64); skips the KMS
 * @param kmsEndpoint {@code --kms-endpoint}: a VPC or test endpoint instead of the cloud's own
 * @param kmsCaFile {@code --kms-ca-file}: PEM certificates to trust for that endpoint
 * @param timeout per KMS call, retries included
 * @param maxAttempts attempts per call (1 = no retry); retried only on throttling and 5xx
 */
public record KeySourceSettings(
    Optional<String> keyId,
    Optional<Provider> cloudProvider,
    Optional<Path> encryptedKeyFile,
    Optional<Path> keyFile,
    Optional<URI> kmsEndpoint,
    Optional<Path> kmsCaFile,
    Duration timeout,
    int maxAttempts,
    Aws aws,
    Azure azure,
    Gcp gcp) {

  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  public KeySourceSettings {
    Objects.requireNonNull(keyId);
    Objects.requireNonNull(cloudProvider);
    Objects.requireNonNull(encryptedKeyFile);
    Objects.requireNonNull(keyFile);
    Objects.requireNonNull(kmsEndpoint);
    Objects.requireNonNull(kmsCaFile);
    Objects.requireNonNull(aws);
    Objects.requireNonNull(azure);
    Objects.requireNonNull(gcp);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be within 1..10");
    }
  }

  /** AWS options: {@code --aws-*} and kmipProxyStandalone's {@code -aws*}. */
  public record Aws(
      Optional<String> accessKeyId,
      Optional<String> secretAccessKey,
      Optional<String> sessionToken,
      Optional<String> region,
      Optional<String> profile,
      Optional<String> roleArn,
      Optional<URI> stsEndpoint) {
    public static Aws none() {
      return new Aws(
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());
    }

    /** Static credentials from the command line. */
    public Aws withKeys(String accessKeyId, String secretAccessKey, Optional<String> token) {
      return new Aws(
          Optional.of(accessKeyId),
          Optional.of(secretAccessKey),
          token,
          region,
          profile,
          roleArn,
          stsEndpoint);
    }

    public Aws withRegion(String r) {
      return new Aws(
          accessKeyId,
          secretAccessKey,
          sessionToken,
          Optional.of(r),
          profile,
          roleArn,
          stsEndpoint);
    }

    public Aws withRoleArn(String arn, Optional<URI> sts) {
      return new Aws(
          accessKeyId, secretAccessKey, sessionToken, region, profile, Optional.of(arn), sts);
    }

    @Override
    public String toString() {
      return "Aws[accessKeyId="
          + set(accessKeyId)
          + ", secretAccessKey="
          + set(secretAccessKey)
          + ", sessionToken="
          + set(sessionToken)
          + ", region="
          + region.orElse("-")
          + ", profile="
          + profile.orElse("-")
          + ", roleArn="
          + set(roleArn)
          + "]";
    }
  }

  /** Azure options: {@code --azure-*}. */
  public record Azure(
      Optional<String> clientId,
      Optional<String> tenantId,
      Optional<String> clientSecret,
      Optional<URI> authorityHost) {
    public static Azure none() {
      return new Azure(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
      return "Azure[clientId="
          + set(clientId)
          + ", tenantId="
          + set(tenantId)
          + ", clientSecret="
          + set(clientSecret)
          + ", authorityHost="
          + authorityHost.map(URI::toString).orElse("-")
          + "]";
    }
  }

  /** Google Cloud options: {@code --gcp-*}. */
  public record Gcp(Optional<Path> credentialsFile) {
    public static Gcp none() {
      return new Gcp(Optional.empty());
    }
  }

  /** No options: everything from the metadata file and the SDKs' default chains. */
  public static KeySourceSettings defaults() {
    return new KeySourceSettings(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        DEFAULT_TIMEOUT,
        DEFAULT_MAX_ATTEMPTS,
        Aws.none(),
        Azure.none(),
        Gcp.none());
  }

  public KeySourceSettings withKeyId(String id) {
    return new KeySourceSettings(
        Optional.of(id),
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withCloudProvider(Provider p) {
    return new KeySourceSettings(
        keyId,
        Optional.of(p),
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withEncryptedKeyFile(Path f) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        Optional.of(f),
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withKeyFile(Path f) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        Optional.of(f),
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withKmsEndpoint(URI endpoint) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        Optional.of(endpoint),
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withKmsCaFile(Path f) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        Optional.of(f),
        timeout,
        maxAttempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withRetry(Duration t, int attempts) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        t,
        attempts,
        aws,
        azure,
        gcp);
  }

  public KeySourceSettings withAws(Aws a) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        a,
        azure,
        gcp);
  }

  public KeySourceSettings withAzure(Azure a) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        a,
        gcp);
  }

  public KeySourceSettings withGcp(Gcp g) {
    return new KeySourceSettings(
        keyId,
        cloudProvider,
        encryptedKeyFile,
        keyFile,
        kmsEndpoint,
        kmsCaFile,
        timeout,
        maxAttempts,
        aws,
        azure,
        g);
  }

  private static String set(Optional<?> o) {
    return o.isPresent() ? "(set)" : "-";
  }
}
