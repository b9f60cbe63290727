package io.restore.kms;

import io.restore.snapshot.Base64Text;
import io.restore.snapshot.MetadataField;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Google Cloud KMS settings. Credentials: {@code --gcp-credentials-file}, else the metadata's
 * {@code serviceAccountKey}, else Application Default Credentials.
 *
 * @param cryptoKey the CryptoKey (Decrypt takes the key, not a version)
 * @param additionalAuthenticatedData empty when the metadata gives none
 */
public record GcpSettings(
    KeyContext ctx,
    KmsCall call,
    Credentials credentials,
    CredentialOrigin origin,
    String cryptoKey,
    byte[] additionalAuthenticatedData)
    implements KeySettings {

  public static final List<MetadataField> CREDENTIAL_FIELDS =
      List.of(MetadataField.SERVICE_ACCOUNT_KEY);
  public static final List<MetadataField> KEY_FIELDS =
      List.of(MetadataField.KEY_VERSION_RESOURCE_ID);
  public static final String FLAGS = "--gcp-credentials-file";

  public GcpSettings {
    additionalAuthenticatedData = additionalAuthenticatedData.clone();
  }

  @Override
  public byte[] additionalAuthenticatedData() {
    return additionalAuthenticatedData.clone();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof GcpSettings g
        && ctx.equals(g.ctx)
        && call.equals(g.call)
        && credentials.equals(g.credentials)
        && origin.equals(g.origin)
        && cryptoKey.equals(g.cryptoKey)
        && Arrays.equals(additionalAuthenticatedData, g.additionalAuthenticatedData);
  }

  @Override
  public int hashCode() {
    return cryptoKey.hashCode();
  }

  @Override
  public String toString() {
    return "GcpSettings[" + cryptoKey + ", credentials from " + origin.description() + "]";
  }

  /** Where the Google credentials come from. */
  public sealed interface Credentials {}

  /** {@code --gcp-credentials-file}. */
  public record File(Path path) implements Credentials {}

  /** The metadata's {@code serviceAccountKey} (JSON text). */
  public record ServiceAccountKey(String json) implements Credentials {
    @Override
    public String toString() {
      return "ServiceAccountKey[(set)]";
    }
  }

  /** Application Default Credentials. */
  public record ApplicationDefault() implements Credentials {}

  static GcpSettings resolve(KeyContext ctx, KeySourceFlags flags) {
    Credentials creds;
    CredentialOrigin origin;
    Optional<Path> file = flags.gcp().credentialsFile();
    Optional<Given> key = Given.field(ctx.metadata(), MetadataField.SERVICE_ACCOUNT_KEY);
    if (file.isPresent()) {
      creds = new File(file.get());
      origin = CredentialOrigin.commandLine(FLAGS, CREDENTIAL_FIELDS);
    } else if (key.isPresent()) {
      // JSON text may span lines, so no control-character check; remembered for scrubbing.
      io.restore.Secrets.register(key.get().value());
      creds = new ServiceAccountKey(key.get().value());
      origin = CredentialOrigin.metadata(CREDENTIAL_FIELDS, FLAGS);
    } else {
      creds = new ApplicationDefault();
      origin =
          CredentialOrigin.defaultChain(
              "Application Default Credentials (the metadata has no serviceAccountKey)",
              CREDENTIAL_FIELDS,
              FLAGS);
    }
    return new GcpSettings(ctx, flags.call(), creds, origin, cryptoKey(ctx), aad(ctx));
  }

  static String cryptoKey(KeyContext ctx) {
    String name =
        Given.field(ctx.metadata(), MetadataField.KEY_VERSION_RESOURCE_ID)
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx, KEY_FIELDS, "no flag: the key's resource name is needed"))
            .checked(false)
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

  private static byte[] aad(KeyContext ctx) {
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
}
