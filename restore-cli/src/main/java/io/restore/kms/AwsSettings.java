package io.restore.kms;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.json.Json;
import io.restore.snapshot.Metadata;
import io.restore.snapshot.MetadataField;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * AWS KMS settings. Credentials in the documented order: the command line ({@code
 * --aws-access-key-id}/{@code --aws-secret-access-key}[/{@code --aws-session-token}], or {@code
 * --aws-profile}), then the metadata file ({@code accessKeyId}, {@code secretAccessKey}[, {@code
 * sessionToken}]), then the SDK's default chain (environment, profiles, SSO, instance roles).
 * {@code --aws-role-arn} is applied on top (STS AssumeRole).
 *
 * @param region command line, metadata, the region in a key ARN; empty = the SDK's region chain
 * @param customerMasterKeyId the metadata's key id or ARN; empty = taken from the ciphertext
 */
public record AwsSettings(
    KeyContext ctx,
    KmsCall call,
    Credentials credentials,
    CredentialOrigin origin,
    Optional<String> region,
    Optional<String> customerMasterKeyId,
    Map<String, String> encryptionContext,
    Optional<String> roleArn,
    Optional<URI> stsEndpoint)
    implements KeySettings {

  public static final List<MetadataField> CREDENTIAL_FIELDS =
      List.of(
          MetadataField.ACCESS_KEY_ID,
          MetadataField.SECRET_ACCESS_KEY,
          MetadataField.SESSION_TOKEN);
  public static final String FLAGS =
      "--aws-access-key-id and --aws-secret-access-key (and --aws-session-token for temporary"
          + " credentials), or --aws-profile";

  public AwsSettings {
    encryptionContext = Map.copyOf(encryptionContext);
  }

  /** Where the AWS credentials come from. */
  public sealed interface Credentials {}

  /** Static keys (from flags or the metadata). */
  public record Keys(String accessKeyId, String secretAccessKey, Optional<String> sessionToken)
      implements Credentials {
    @Override
    public String toString() {
      return "Keys[(set)]";
    }
  }

  /** A profile of ~/.aws/config. */
  public record Profile(String name) implements Credentials {}

  /** The SDK's default chain. */
  public record DefaultChain() implements Credentials {}

  static AwsSettings resolve(KeyContext ctx, KeySourceFlags flags) {
    KeySourceFlags.Aws cli = flags.aws();
    Metadata md = ctx.metadata();
    Credentials creds;
    CredentialOrigin origin;
    if (cli.accessKeyId().isPresent() != cli.secretAccessKey().isPresent()) {
      Given one = cli.accessKeyId().or(cli::secretAccessKey).orElseThrow();
      throw new RestoreException(
          ExitCode.USAGE,
          one.source()
              + " was given without "
              + (cli.accessKeyId().isPresent() ? "--aws-secret-access-key" : "--aws-access-key-id")
              + ": an access key id and its secret go together",
          "pass both, or neither to use " + ctx.metadataFile());
    }
    if (cli.accessKeyId().isPresent()) {
      Given id = cli.accessKeyId().get();
      Given secret = cli.secretAccessKey().get();
      creds =
          new Keys(
              id.checked(true), secret.checked(true), cli.sessionToken().map(t -> t.checked(true)));
      origin =
          CredentialOrigin.commandLine(
              id.source()
                  + ", "
                  + secret.source()
                  + cli.sessionToken().map(t -> ", " + t.source()).orElse(""),
              CREDENTIAL_FIELDS);
    } else if (cli.profile().isPresent()) {
      String name = cli.profile().get().checked(false);
      creds = new Profile(name);
      origin = CredentialOrigin.commandLine("--aws-profile " + name, CREDENTIAL_FIELDS);
    } else {
      Optional<Given> id = Given.field(md, MetadataField.ACCESS_KEY_ID);
      Optional<Given> secret = Given.field(md, MetadataField.SECRET_ACCESS_KEY);
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
        Optional<Given> token =
            cli.sessionToken().or(() -> Given.field(md, MetadataField.SESSION_TOKEN));
        creds =
            new Keys(
                id.get().checked(true),
                secret.get().checked(true),
                token.map(t -> t.checked(true)));
        List<MetadataField> used =
            md.has(MetadataField.SESSION_TOKEN)
                ? CREDENTIAL_FIELDS
                : List.of(MetadataField.ACCESS_KEY_ID, MetadataField.SECRET_ACCESS_KEY);
        origin = CredentialOrigin.metadata(used, FLAGS);
      } else {
        creds = new DefaultChain();
        origin =
            CredentialOrigin.defaultChain(
                md.has(MetadataField.ROLE_ID)
                    ? "the AWS default chain (the metadata has roleId, role-based access, and no"
                        + " credentials)"
                    : "the AWS default chain (environment, profiles, SSO, instance role)",
                CREDENTIAL_FIELDS,
                FLAGS);
      }
    }
    Optional<String> cmk =
        Given.field(md, MetadataField.CUSTOMER_MASTER_KEY_ID).map(g -> g.checked(false).trim());
    Optional<String> region =
        cli.region()
            .or(() -> Given.field(md, MetadataField.REGION))
            .map(g -> g.checked(false).trim())
            .or(() -> cmk.flatMap(AwsSettings::arnRegion));
    return new AwsSettings(
        ctx,
        flags.call(),
        creds,
        origin,
        region,
        cmk,
        encryptionContext(ctx),
        cli.roleArn().map(g -> g.checked(false)),
        cli.stsEndpoint());
  }

  /** {@code arn:aws:kms:us-east-1:111122223333:key/...} → us-east-1. */
  public static Optional<String> arnRegion(String keyId) {
    String[] parts = keyId.split(":");
    if (parts.length >= 6 && parts[0].equals("arn") && !parts[3].isBlank()) {
      return Optional.of(parts[3]);
    }
    return Optional.empty();
  }

  /** The metadata's {@code encryptionContext}: an object of strings, or that object as a string. */
  @SuppressWarnings("unchecked")
  static Map<String, String> encryptionContext(KeyContext ctx) {
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
}
