package io.restore.snapshot;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The metadata fields {@code restore} reads, per provider (docs/design/atlas-snapshot.md,
 * docs/metadata.md). Names match case-insensitively ({@code accessKeyId} = {@code accessKeyID});
 * aliases cover the names of Atlas's own tool ({@code -awsAccessKey}) and common spellings.
 */
public enum MetadataField {
  // AWS: the Atlas Admin API's awsKms fields, plus what we add.
  ACCESS_KEY_ID(EnumSet.of(Provider.AWS), true, "accessKeyId", "awsAccessKey", "awsAccessKeyId"),
  SECRET_ACCESS_KEY(
      EnumSet.of(Provider.AWS), true, "secretAccessKey", "awsSecretAccessKey", "awsSecretKey"),
  SESSION_TOKEN(EnumSet.of(Provider.AWS), true, "sessionToken", "awsSessionToken"),
  REGION(EnumSet.of(Provider.AWS), false, "region", "awsRegion"),
  CUSTOMER_MASTER_KEY_ID(
      EnumSet.of(Provider.AWS), false, "customerMasterKeyId", "kmsKeyId", "keyArn", "cmkId"),
  ENCRYPTION_CONTEXT(EnumSet.of(Provider.AWS), false, Kind.TEXT_OR_OBJECT, "encryptionContext"),
  // Azure: the Atlas Admin API's azureKeyVault fields.
  AZURE_ENVIRONMENT(EnumSet.of(Provider.AZURE), false, "azureEnvironment"),
  CLIENT_ID(EnumSet.of(Provider.AZURE), false, "clientId"),
  TENANT_ID(EnumSet.of(Provider.AZURE), false, "tenantId"),
  SECRET(EnumSet.of(Provider.AZURE), true, "secret", "clientSecret"),
  SUBSCRIPTION_ID(EnumSet.of(Provider.AZURE), false, "subscriptionId"),
  RESOURCE_GROUP_NAME(EnumSet.of(Provider.AZURE), false, "resourceGroupName"),
  KEY_VAULT_NAME(EnumSet.of(Provider.AZURE), false, "keyVaultName"),
  KEY_IDENTIFIER(EnumSet.of(Provider.AZURE), false, "keyIdentifier", "keyId", "keyUrl"),
  // Google Cloud: the Atlas Admin API's googleCloudKms fields.
  SERVICE_ACCOUNT_KEY(EnumSet.of(Provider.GCP), true, Kind.TEXT_OR_OBJECT, "serviceAccountKey"),
  KEY_VERSION_RESOURCE_ID(
      EnumSet.of(Provider.GCP), false, "keyVersionResourceId", "keyName", "cryptoKey"),
  ADDITIONAL_AUTHENTICATED_DATA(
      EnumSet.of(Provider.GCP), false, "additionalAuthenticatedData", "aad"),
  // Local: our convention.
  KEY_FILE(EnumSet.of(Provider.LOCAL), false, Kind.PATH, "keyFile"),
  // Every cloud provider.
  ROLE_ID(EnumSet.of(Provider.AWS, Provider.AZURE, Provider.GCP), false, "roleId"),
  ENCRYPTED_KEY(
      EnumSet.of(Provider.AWS, Provider.AZURE, Provider.GCP),
      false,
      "encryptedKey",
      "encryptedMasterKey",
      "ciphertext");

  /** The JSON value a field takes; anything else is refused by name when the file is read. */
  public enum Kind {
    /** A string. */
    TEXT,
    /** A string, or an object given inline (a service-account key, an encryption context). */
    TEXT_OR_OBJECT,
    /** A string naming a file. */
    PATH
  }

  private final Set<Provider> providers;
  private final boolean secret;
  private final Kind kind;
  private final String name;
  private final List<String> aliases;

  MetadataField(Set<Provider> providers, boolean secret, String name, String... aliases) {
    this(providers, secret, Kind.TEXT, name, aliases);
  }

  MetadataField(
      Set<Provider> providers, boolean secret, Kind kind, String name, String... aliases) {
    this.providers = providers;
    this.secret = secret;
    this.kind = kind;
    this.name = name;
    this.aliases = List.of(aliases);
  }

  public Kind kind() {
    return kind;
  }

  /** The name we write and document. */
  public String fieldName() {
    return name;
  }

  public List<String> aliases() {
    return aliases;
  }

  /** True for credentials: {@code inspect} says only whether they are set. */
  public boolean secret() {
    return secret;
  }

  public boolean appliesTo(Provider provider) {
    return providers.contains(provider);
  }

  /** Whether {@code candidate} names this field (case-insensitive, aliases included). */
  public boolean matches(String candidate) {
    if (name.equalsIgnoreCase(candidate)) {
      return true;
    }
    for (String a : aliases) {
      if (a.equalsIgnoreCase(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** The fields a provider reads, in documentation order. */
  public static List<MetadataField> forProvider(Provider provider) {
    List<MetadataField> out = new ArrayList<>();
    for (MetadataField f : values()) {
      if (f.appliesTo(provider)) {
        out.add(f);
      }
    }
    return out;
  }

  /** The field of {@code provider} that {@code name} refers to, if any. */
  public static Optional<MetadataField> lookup(Provider provider, String name) {
    for (MetadataField f : values()) {
      if (f.appliesTo(provider) && f.matches(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name;
  }
}
