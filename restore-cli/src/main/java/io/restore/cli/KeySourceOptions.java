package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.KeySourceSettings;
import io.restore.snapshot.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Every option that says where a snapshot's master key comes from; mixed into {@code inspect},
 * {@code metadata wrap}, {@code proxy}, {@code open} and {@code dump}. Credentials given here win
 * over the metadata file. Secrets may also come from {@code RESTORE_*} environment variables, which
 * unlike flags do not show in the process list. The hidden single-dash names ({@code
 * -awsAccessKey}, {@code -awsSecretAccessKey}, {@code -awsSessionToken}, {@code -awsRegion}, {@code
 * -cloudProvider}) are those of Atlas's kmipProxyStandalone, so its documented command lines keep
 * working.
 */
public final class KeySourceOptions {
  @Option(
      names = "--key-id",
      paramLabel = "<uid>",
      description = "The master key's folder in key.store, when there are several.")
  String keyId;

  @Option(
      names = {"--cloud-provider", "--provider"},
      paramLabel = "<aws|azure|gcp|local>",
      description = "Which metadata file to use when there are several (must match its name).")
  String cloudProvider;

  @Option(
      names = "--encrypted-key-file",
      paramLabel = "<file>",
      description =
          "The KMS ciphertext of the master key (raw or base64), instead of the metadata's"
              + " encryptedKey or <keyId>.<provider>.key.")
  Path encryptedKeyFile;

  @Option(
      names = "--key-file",
      paramLabel = "<file>",
      description =
          "The master key itself (32 raw bytes or base64): no KMS is asked. For self-managed"
              + " keys and keys decrypted earlier.")
  Path keyFile;

  @Option(
      names = "--kms-endpoint",
      paramLabel = "<url>",
      description = "KMS endpoint instead of the cloud's own (VPC or test endpoints).")
  URI kmsEndpoint;

  @Option(
      names = "--kms-ca-file",
      paramLabel = "<pem>",
      description = "CA certificates (PEM) to trust for --kms-endpoint.")
  Path kmsCaFile;

  @Option(
      names = "--kms-timeout",
      paramLabel = "<seconds>",
      defaultValue = "30",
      description = "Time limit per KMS call, retries included (default: ${DEFAULT-VALUE}).")
  int kmsTimeoutSeconds;

  @Option(
      names = "--kms-attempts",
      paramLabel = "<n>",
      defaultValue = "3",
      description =
          "Attempts per KMS call on throttling and server errors (default: ${DEFAULT-VALUE}).")
  int kmsAttempts;

  @Option(
      names = "--aws-access-key-id",
      paramLabel = "<id>",
      defaultValue = "${env:RESTORE_AWS_ACCESS_KEY_ID}",
      description = "AWS access key id (env RESTORE_AWS_ACCESS_KEY_ID).")
  String awsAccessKeyId;

  @Option(
      names = "--aws-secret-access-key",
      paramLabel = "<secret>",
      defaultValue = "${env:RESTORE_AWS_SECRET_ACCESS_KEY}",
      description = "AWS secret access key (env RESTORE_AWS_SECRET_ACCESS_KEY).")
  String awsSecretAccessKey;

  @Option(
      names = "--aws-session-token",
      paramLabel = "<token>",
      defaultValue = "${env:RESTORE_AWS_SESSION_TOKEN}",
      description = "AWS session token for temporary credentials (env RESTORE_AWS_SESSION_TOKEN).")
  String awsSessionToken;

  @Option(
      names = "--aws-region",
      paramLabel = "<region>",
      description = "AWS region of the KMS key.")
  String awsRegion;

  @Option(
      names = "--aws-profile",
      paramLabel = "<name>",
      description = "AWS credentials from this profile of ~/.aws/config.")
  String awsProfile;

  @Option(
      names = "--aws-role-arn",
      paramLabel = "<arn>",
      description = "Assume this IAM role through STS before calling KMS.")
  String awsRoleArn;

  @Option(
      names = "--aws-sts-endpoint",
      paramLabel = "<url>",
      description = "STS endpoint for --aws-role-arn instead of AWS's own.")
  URI awsStsEndpoint;

  @Option(names = "--azure-client-id", paramLabel = "<id>", description = "Azure app client id.")
  String azureClientId;

  @Option(names = "--azure-tenant-id", paramLabel = "<id>", description = "Azure tenant id.")
  String azureTenantId;

  @Option(
      names = "--azure-client-secret",
      paramLabel = "<secret>",
      defaultValue = "${env:RESTORE_AZURE_CLIENT_SECRET}",
      description = "Azure client secret (env RESTORE_AZURE_CLIENT_SECRET).")
  String azureClientSecret;

  @Option(
      names = "--azure-authority-host",
      paramLabel = "<url>",
      description = "Azure login endpoint instead of the one of azureEnvironment.")
  URI azureAuthorityHost;

  @Option(
      names = "--gcp-credentials-file",
      paramLabel = "<json>",
      description = "Google service-account key file instead of the metadata's serviceAccountKey.")
  Path gcpCredentialsFile;

  // Atlas's kmipProxyStandalone spellings, accepted so its documented command lines keep working;
  // hidden to keep the help short (docs/metadata.md lists them).
  @Option(names = "-awsAccessKey", hidden = true)
  String atlasAccessKey;

  @Option(names = "-awsSecretAccessKey", hidden = true)
  String atlasSecretAccessKey;

  @Option(names = "-awsSessionToken", hidden = true)
  String atlasSessionToken;

  @Option(names = "-awsRegion", hidden = true)
  String atlasRegion;

  @Option(names = "-cloudProvider", hidden = true)
  String atlasCloudProvider;

  /** The options as a record for the key sources. */
  public KeySourceSettings toSettings() {
    String cloudProvider = first(atlasCloudProvider, this.cloudProvider);
    Optional<Provider> provider = Optional.empty();
    if (cloudProvider != null) {
      provider =
          Optional.of(
              Provider.fromId(cloudProvider)
                  .orElseThrow(
                      () ->
                          new RestoreException(
                              ExitCode.USAGE,
                              "unknown provider '" + cloudProvider + "' for --cloud-provider",
                              "pass aws, azure, gcp or local")));
    }
    if (kmsTimeoutSeconds < 1 || kmsAttempts < 1 || kmsAttempts > 10) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--kms-timeout must be at least 1 and --kms-attempts within 1..10",
          "fix the option's value");
    }
    return new KeySourceSettings(
        opt(keyId),
        provider,
        Optional.ofNullable(encryptedKeyFile),
        Optional.ofNullable(keyFile),
        Optional.ofNullable(kmsEndpoint),
        Optional.ofNullable(kmsCaFile),
        Duration.ofSeconds(kmsTimeoutSeconds),
        kmsAttempts,
        new KeySourceSettings.Aws(
            opt(first(atlasAccessKey, awsAccessKeyId)),
            opt(first(atlasSecretAccessKey, awsSecretAccessKey)),
            opt(first(atlasSessionToken, awsSessionToken)),
            opt(first(atlasRegion, awsRegion)),
            opt(awsProfile),
            opt(awsRoleArn),
            Optional.ofNullable(awsStsEndpoint)),
        new KeySourceSettings.Azure(
            opt(azureClientId),
            opt(azureTenantId),
            opt(azureClientSecret),
            Optional.ofNullable(azureAuthorityHost)),
        new KeySourceSettings.Gcp(Optional.ofNullable(gcpCredentialsFile)));
  }

  /** An explicit alias wins over the other name, whose value may only be an env default. */
  private static String first(String alias, String name) {
    return alias != null ? alias : name;
  }

  private static Optional<String> opt(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
