package io.restore.kms.aws;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KeySourceSettings;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.MetadataField;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * AWS credentials in the documented order (issue 5): the command line ({@code
 * --aws-access-key-id}/{@code --aws-secret-access-key}[/{@code --aws-session-token}], or {@code
 * --aws-profile}), then the metadata file ({@code accessKeyId}, {@code secretAccessKey}[, {@code
 * sessionToken}]), then the SDK's default chain (environment, profiles, SSO, instance roles).
 * {@code --aws-role-arn} is applied on top by {@link AwsKeySource} (STS AssumeRole).
 */
record AwsCredentialChoice(AwsCredentialsProvider provider, CredentialOrigin origin) {
  static final List<MetadataField> FIELDS =
      List.of(
          MetadataField.ACCESS_KEY_ID,
          MetadataField.SECRET_ACCESS_KEY,
          MetadataField.SESSION_TOKEN);
  static final String FLAGS =
      "--aws-access-key-id and --aws-secret-access-key (and --aws-session-token for temporary"
          + " credentials), or --aws-profile";

  static AwsCredentialChoice choose(KeyContext ctx) {
    KeySourceSettings.Aws cli = ctx.settings().aws();
    Metadata md = ctx.metadata();
    if (cli.accessKeyId().isPresent() != cli.secretAccessKey().isPresent()) {
      throw new RestoreException(
          ExitCode.USAGE,
          "--aws-access-key-id and --aws-secret-access-key go together; only one was given",
          "pass both, or neither to use " + ctx.metadataFile());
    }
    if (cli.accessKeyId().isPresent()) {
      return new AwsCredentialChoice(
          StaticCredentialsProvider.create(
              credentials(
                  cli.accessKeyId().get(), cli.secretAccessKey().get(), cli.sessionToken())),
          CredentialOrigin.commandLine(
              "--aws-access-key-id, --aws-secret-access-key"
                  + (cli.sessionToken().isPresent() ? ", --aws-session-token" : ""),
              FIELDS));
    }
    if (cli.profile().isPresent()) {
      return new AwsCredentialChoice(
          ProfileCredentialsProvider.builder().profileName(cli.profile().get()).build(),
          CredentialOrigin.commandLine("--aws-profile " + cli.profile().get(), FIELDS));
    }
    Optional<String> id = md.text(MetadataField.ACCESS_KEY_ID);
    Optional<String> secret = md.text(MetadataField.SECRET_ACCESS_KEY);
    if (id.isPresent() != secret.isPresent()) {
      throw new RestoreException(
          ExitCode.KMS,
          "AWS KMS: "
              + ctx.metadataFile()
              + " has "
              + (id.isPresent()
                  ? "accessKeyId but no secretAccessKey"
                  : "secretAccessKey but no accessKeyId"),
          "update "
              + ctx.metadataFile()
              + " fields accessKeyId, secretAccessKey, or pass "
              + FLAGS);
    }
    if (id.isPresent()) {
      Optional<String> token =
          cli.sessionToken().isPresent()
              ? cli.sessionToken()
              : md.text(MetadataField.SESSION_TOKEN);
      List<MetadataField> used =
          md.has(MetadataField.SESSION_TOKEN)
              ? FIELDS
              : List.of(MetadataField.ACCESS_KEY_ID, MetadataField.SECRET_ACCESS_KEY);
      return new AwsCredentialChoice(
          StaticCredentialsProvider.create(credentials(id.get(), secret.get(), token)),
          CredentialOrigin.metadata(used, FLAGS));
    }
    String why =
        md.has(MetadataField.ROLE_ID)
            ? "the AWS default chain (the metadata has roleId, role-based access, and no"
                + " credentials)"
            : "the AWS default chain (environment, profiles, SSO, instance role)";
    return new AwsCredentialChoice(
        DefaultCredentialsProvider.builder().build(),
        CredentialOrigin.defaultChain(why, FIELDS, FLAGS));
  }

  private static software.amazon.awssdk.auth.credentials.AwsCredentials credentials(
      String id, String secret, Optional<String> token) {
    return token.isPresent()
        ? AwsSessionCredentials.create(id, secret, token.get())
        : AwsBasicCredentials.create(id, secret);
  }
}
