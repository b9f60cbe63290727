package io.restore.cli;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.UserText;
import io.restore.kms.Given;
import io.restore.kms.KeySourceFlags;
import io.restore.kms.KmsCall;
import io.restore.snapshot.Provider;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

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
      converter = OptionValues.HttpUrl.class,
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
      converter = OptionValues.Seconds.class,
      description = "Time limit per KMS call, retries included (default: ${DEFAULT-VALUE}).")
  int kmsTimeoutSeconds;

  @Option(
      names = "--kms-attempts",
      paramLabel = "<n>",
      defaultValue = "3",
      converter = OptionValues.Attempts.class,
      description =
          "Attempts per KMS call on throttling and server errors (default: ${DEFAULT-VALUE}).")
  int kmsAttempts;

  @Option(
      names = "--aws-access-key-id",
      paramLabel = "<id>",
      description = "AWS access key id (env RESTORE_AWS_ACCESS_KEY_ID).")
  String awsAccessKeyId;

  @Option(
      names = "--aws-secret-access-key",
      paramLabel = "<secret>",
      description = "AWS secret access key (env RESTORE_AWS_SECRET_ACCESS_KEY).")
  String awsSecretAccessKey;

  @Option(
      names = "--aws-session-token",
      paramLabel = "<token>",
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
      converter = OptionValues.HttpUrl.class,
      description = "STS endpoint for --aws-role-arn instead of AWS's own.")
  URI awsStsEndpoint;

  @Option(names = "--azure-client-id", paramLabel = "<id>", description = "Azure app client id.")
  String azureClientId;

  @Option(names = "--azure-tenant-id", paramLabel = "<id>", description = "Azure tenant id.")
  String azureTenantId;

  @Option(
      names = "--azure-client-secret",
      paramLabel = "<secret>",
      description = "Azure client secret (env RESTORE_AZURE_CLIENT_SECRET).")
  String azureClientSecret;

  @Option(
      names = "--azure-authority-host",
      paramLabel = "<url>",
      converter = OptionValues.HttpUrl.class,
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

  /** The command's own spec: which spelling of an option the user typed. */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /**
   * The options as data for the key sources; {@code env} supplies the {@code RESTORE_*} secrets
   * that were not given as flags (they do not show in the process list).
   */
  public KeySourceFlags toFlags(Map<String, String> env) {
    Optional<KeySourceFlags.ProviderFlag> provider = Optional.empty();
    String name = first(atlasCloudProvider, cloudProvider);
    if (name != null) {
      String flag =
          atlasCloudProvider != null ? "-cloudProvider" : typed("--cloud-provider", "--provider");
      provider =
          Optional.of(
              new KeySourceFlags.ProviderFlag(
                  Provider.fromId(name)
                      .orElseThrow(
                          () ->
                              new RestoreException(
                                  ExitCode.USAGE,
                                  "unknown provider '" + UserText.cap(name) + "' for " + flag,
                                  "pass aws, azure, gcp or local")),
                  flag));
    }
    return new KeySourceFlags(
        opt(keyId),
        provider,
        Optional.ofNullable(encryptedKeyFile),
        Optional.ofNullable(keyFile),
        new KmsCall(
            Optional.ofNullable(kmsEndpoint),
            Optional.ofNullable(kmsCaFile),
            Duration.ofSeconds(kmsTimeoutSeconds),
            kmsAttempts),
        new KeySourceFlags.Aws(
            given(
                atlasAccessKey,
                "-awsAccessKey",
                awsAccessKeyId,
                "--aws-access-key-id",
                env,
                "RESTORE_AWS_ACCESS_KEY_ID"),
            given(
                atlasSecretAccessKey,
                "-awsSecretAccessKey",
                awsSecretAccessKey,
                "--aws-secret-access-key",
                env,
                "RESTORE_AWS_SECRET_ACCESS_KEY"),
            given(
                atlasSessionToken,
                "-awsSessionToken",
                awsSessionToken,
                "--aws-session-token",
                env,
                "RESTORE_AWS_SESSION_TOKEN"),
            given(atlasRegion, "-awsRegion", awsRegion, "--aws-region", env, null),
            given(null, null, awsProfile, "--aws-profile", env, null),
            given(null, null, awsRoleArn, "--aws-role-arn", env, null),
            Optional.ofNullable(awsStsEndpoint)),
        new KeySourceFlags.Azure(
            given(null, null, azureClientId, "--azure-client-id", env, null),
            given(null, null, azureTenantId, "--azure-tenant-id", env, null),
            given(
                null,
                null,
                azureClientSecret,
                "--azure-client-secret",
                env,
                "RESTORE_AZURE_CLIENT_SECRET"),
            Optional.ofNullable(azureAuthorityHost)),
        new KeySourceFlags.Gcp(Optional.ofNullable(gcpCredentialsFile)));
  }

  /**
   * A value with the name the user gave it: the Atlas spelling, the flag, then the environment
   * variable (a flag wins over the environment).
   */
  private static Optional<Given> given(
      String alias,
      String aliasName,
      String value,
      String flag,
      Map<String, String> env,
      String envName) {
    if (alias != null && !alias.isEmpty()) {
      return Optional.of(new Given(alias, aliasName));
    }
    if (value != null && !value.isEmpty()) {
      return Optional.of(new Given(value, flag));
    }
    if (envName != null && env.get(envName) != null && !env.get(envName).isEmpty()) {
      return Optional.of(new Given(env.get(envName), envName));
    }
    return Optional.empty();
  }

  /** Which of an option's names is on the command line (the first one when it cannot tell). */
  private String typed(String... names) {
    return typed(mixee, names);
  }

  /** Which of {@code names} the user typed on {@code spec}'s command line; else the first. */
  static String typed(CommandSpec spec, String... names) {
    if (spec != null && spec.commandLine() != null) {
      var parsed = spec.commandLine().getParseResult();
      if (parsed != null) {
        for (String arg : parsed.originalArgs()) {
          for (String n : names) {
            if (arg.equals(n) || arg.startsWith(n + "=")) {
              return n;
            }
          }
        }
      }
    }
    return names[0];
  }

  /** An explicit alias wins over the other name. */
  private static String first(String alias, String name) {
    return alias != null ? alias : name;
  }

  private static Optional<String> opt(String s) {
    return s == null || s.isEmpty() ? Optional.empty() : Optional.of(s);
  }
}
