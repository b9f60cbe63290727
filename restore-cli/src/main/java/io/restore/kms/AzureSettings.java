package io.restore.kms;

import io.restore.snapshot.MetadataField;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Azure Key Vault settings. Credentials: a client secret ({@code clientId}, {@code tenantId},
 * {@code secret}; each overridable by flag), else DefaultAzureCredential. The login host follows
 * {@code azureEnvironment} unless {@code --azure-authority-host} is given.
 *
 * @param clientSecret empty when any of the three is missing (DefaultAzureCredential is used)
 * @param keyIdentifier the key's URL, on {@code --kms-endpoint}'s host when given
 * @param customAuthorityHost whether the login host came from {@code --azure-authority-host}
 */
public record AzureSettings(
    KeyContext ctx,
    KmsCall call,
    Optional<ClientSecret> clientSecret,
    CredentialOrigin origin,
    String keyIdentifier,
    String authorityHost,
    boolean customAuthorityHost)
    implements KeySettings {

  public static final List<MetadataField> CREDENTIAL_FIELDS =
      List.of(MetadataField.CLIENT_ID, MetadataField.TENANT_ID, MetadataField.SECRET);
  public static final List<MetadataField> KEY_FIELDS = List.of(MetadataField.KEY_IDENTIFIER);
  public static final String FLAGS =
      "--azure-client-id, --azure-tenant-id and --azure-client-secret";

  /** An app registration's client secret. */
  public record ClientSecret(String clientId, String tenantId, String secret) {
    @Override
    public String toString() {
      return "ClientSecret[(set)]";
    }
  }

  static AzureSettings resolve(KeyContext ctx, KeySourceFlags flags) {
    KeySourceFlags.Azure cli = flags.azure();
    var md = ctx.metadata();
    Optional<Given> id = cli.clientId().or(() -> Given.field(md, MetadataField.CLIENT_ID));
    Optional<Given> tenant = cli.tenantId().or(() -> Given.field(md, MetadataField.TENANT_ID));
    Optional<Given> secret = cli.clientSecret().or(() -> Given.field(md, MetadataField.SECRET));
    Optional<ClientSecret> cs = Optional.empty();
    CredentialOrigin origin;
    if (id.isEmpty() || tenant.isEmpty() || secret.isEmpty()) {
      origin =
          CredentialOrigin.defaultChain(
              "DefaultAzureCredential (the metadata has no complete clientId, tenantId, secret)",
              CREDENTIAL_FIELDS,
              FLAGS);
    } else {
      cs =
          Optional.of(
              new ClientSecret(
                  id.get().checked(true), tenant.get().checked(true), secret.get().checked(true)));
      origin =
          cli.clientId().isPresent() || cli.tenantId().isPresent() || cli.clientSecret().isPresent()
              ? CredentialOrigin.commandLine(
                  FLAGS + " (with the metadata for the rest)", CREDENTIAL_FIELDS)
              : CredentialOrigin.metadata(CREDENTIAL_FIELDS, FLAGS);
    }
    return new AzureSettings(
        ctx,
        flags.call(),
        cs,
        origin,
        keyIdentifier(ctx, flags.call().endpoint()),
        cli.authorityHost().map(URI::toString).orElseGet(() -> loginHost(ctx)),
        cli.authorityHost().isPresent());
  }

  /** The metadata's keyIdentifier, on {@code --kms-endpoint}'s host when given. */
  static String keyIdentifier(KeyContext ctx, Optional<URI> endpoint) {
    String id =
        Given.field(ctx.metadata(), MetadataField.KEY_IDENTIFIER)
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx, KEY_FIELDS, "--kms-endpoint is not enough: the key's URL is needed"))
            .checked(false);
    URI uri;
    try {
      uri = URI.create(id.trim());
    } catch (IllegalArgumentException e) {
      throw KmsErrors.invalidField(ctx, MetadataField.KEY_IDENTIFIER, "is not a URL");
    }
    if (uri.getPath() == null || !uri.getPath().startsWith("/keys/") || uri.getHost() == null) {
      throw KmsErrors.invalidField(
          ctx,
          MetadataField.KEY_IDENTIFIER,
          "is not a key URL like https://<vault>.vault.azure.net/keys/<name>/<version>");
    }
    if (endpoint.isEmpty()) {
      return uri.toString();
    }
    URI e = endpoint.get();
    return e.getScheme() + "://" + e.getAuthority() + uri.getPath();
  }

  /** The login host of {@code azureEnvironment}. */
  static String loginHost(KeyContext ctx) {
    String env =
        ctx.metadata()
            .text(MetadataField.AZURE_ENVIRONMENT)
            .orElse("AZURE")
            .toUpperCase(Locale.ROOT);
    return switch (env) {
      case "AZURE_CHINA" -> "https://login.chinacloudapi.cn/";
      case "AZURE_US_GOVERNMENT" -> "https://login.microsoftonline.us/";
      case "AZURE_GERMANY" -> "https://login.microsoftonline.de/";
      default -> "https://login.microsoftonline.com/";
    };
  }
}
