package io.restore.kms.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.exception.ClientAuthenticationException;
import com.azure.core.exception.HttpResponseException;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.ExponentialBackoffOptions;
import com.azure.core.http.policy.RetryOptions;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.CredentialUnavailableException;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.security.keyvault.keys.cryptography.CryptographyClient;
import com.azure.security.keyvault.keys.cryptography.CryptographyClientBuilder;
import com.azure.security.keyvault.keys.cryptography.models.EncryptionAlgorithm;
import com.azure.security.keyvault.keys.cryptography.models.KeyWrapAlgorithm;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KeySourceSettings;
import io.restore.kms.KmsErrors;
import io.restore.kms.KmsTls;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.MetadataField;
import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The master key from Azure Key Vault: {@code decrypt} on {@code keyIdentifier} with RSA-OAEP-256,
 * then RSA-OAEP, then {@code unwrapKey} with both (atlas-snapshot.md). Credentials: a client secret
 * ({@code clientId}, {@code tenantId}, {@code secret}; each overridable by flag), else
 * DefaultAzureCredential. The login host follows {@code azureEnvironment}. The JDK HTTP client
 * replaces Netty.
 */
public final class AzureKeySource implements MasterKeySource, MasterKeyWrapper {
  static final List<MetadataField> CREDENTIAL_FIELDS =
      List.of(MetadataField.CLIENT_ID, MetadataField.TENANT_ID, MetadataField.SECRET);
  static final List<MetadataField> KEY_FIELDS = List.of(MetadataField.KEY_IDENTIFIER);
  static final String FLAGS = "--azure-client-id, --azure-tenant-id and --azure-client-secret";

  private final KeyContext ctx;

  public AzureKeySource(KeyContext ctx) {
    this.ctx = ctx;
  }

  @Override
  public String description() {
    return "Azure Key Vault key "
        + keyIdentifier()
        + ", credentials from "
        + origin().description()
        + " via "
        + authorityHost();
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    CredentialOrigin origin = origin();
    CryptographyClient client = client();
    byte[] ct = encrypted.ciphertext();
    HttpResponseException last = null;
    for (int i = 0; i < 4; i++) {
      byte[] plain;
      try {
        plain =
            switch (i) {
              case 0 -> client.decrypt(EncryptionAlgorithm.RSA_OAEP_256, ct).getPlainText();
              case 1 -> client.decrypt(EncryptionAlgorithm.RSA_OAEP, ct).getPlainText();
              case 2 -> client.unwrapKey(KeyWrapAlgorithm.RSA_OAEP_256, ct).getKey();
              default -> client.unwrapKey(KeyWrapAlgorithm.RSA_OAEP, ct).getKey();
            };
      } catch (HttpResponseException e) {
        if (e.getResponse() != null && e.getResponse().getStatusCode() == 400) {
          last = e; // wrong algorithm for this ciphertext: try the next one
          continue;
        }
        throw map(e, origin);
      } catch (RuntimeException e) {
        throw map(e, origin);
      }
      try {
        if (plain.length != MasterKey.LENGTH) {
          throw KmsErrors.wrongLength(ctx, plain.length, encrypted.source());
        }
        return MasterKey.copyOf(plain);
      } finally {
        Arrays.fill(plain, (byte) 0);
      }
    }
    throw KmsErrors.wrongKey(
        ctx, "no algorithm (RSA-OAEP-256, RSA-OAEP; decrypt, unwrapKey) worked", KEY_FIELDS, last);
  }

  @Override
  public byte[] encrypt(MasterKey key) {
    byte[] plain = key.copyBytes();
    try {
      return client().encrypt(EncryptionAlgorithm.RSA_OAEP_256, plain).getCipherText();
    } catch (RuntimeException e) {
      throw map(e, origin());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private CryptographyClient client() {
    KeySourceSettings s = ctx.settings();
    HttpClient http =
        new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder().sslContext(KmsTls.context(s.kmsCaFile())))
            .connectionTimeout(s.timeout())
            .responseTimeout(s.timeout())
            .build();
    RetryOptions retry =
        new RetryOptions(
            new ExponentialBackoffOptions()
                .setMaxRetries(s.maxAttempts() - 1)
                .setBaseDelay(Duration.ofMillis(200))
                .setMaxDelay(Duration.ofSeconds(5)));
    CryptographyClientBuilder b =
        new CryptographyClientBuilder()
            .keyIdentifier(keyIdentifier())
            .credential(credential(http, retry))
            .httpClient(http)
            .retryOptions(retry);
    if (s.kmsEndpoint().isPresent()) {
      // A private or test endpoint is not a *.vault.azure.net host.
      b.disableChallengeResourceVerification();
    }
    return b.buildClient();
  }

  private TokenCredential credential(HttpClient http, RetryOptions retry) {
    Optional<String[]> secret = clientSecret();
    if (secret.isEmpty()) {
      return new DefaultAzureCredentialBuilder()
          .authorityHost(authorityHost())
          .httpClient(http)
          .retryOptions(retry)
          .build();
    }
    ClientSecretCredentialBuilder b =
        new ClientSecretCredentialBuilder()
            .tenantId(secret.get()[1])
            .clientId(secret.get()[0])
            .clientSecret(secret.get()[2])
            .authorityHost(authorityHost())
            .httpClient(http)
            .retryOptions(retry); // the default retries a refused secret for ~11 s
    if (ctx.settings().azure().authorityHost().isPresent()) {
      b.disableInstanceDiscovery(); // a private login host is not in Microsoft's list
    }
    return b.build();
  }

  /** {clientId, tenantId, secret}, each from its flag or the metadata; empty if any is missing. */
  private Optional<String[]> clientSecret() {
    KeySourceSettings.Azure cli = ctx.settings().azure();
    Optional<String> id = cli.clientId().or(() -> ctx.metadata().text(MetadataField.CLIENT_ID));
    Optional<String> tenant = cli.tenantId().or(() -> ctx.metadata().text(MetadataField.TENANT_ID));
    Optional<String> secret =
        cli.clientSecret().or(() -> ctx.metadata().text(MetadataField.SECRET));
    if (id.isEmpty() || tenant.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new String[] {id.get(), tenant.get(), secret.get()});
  }

  private CredentialOrigin origin() {
    KeySourceSettings.Azure cli = ctx.settings().azure();
    if (clientSecret().isEmpty()) {
      return CredentialOrigin.defaultChain(
          "DefaultAzureCredential (the metadata has no complete clientId, tenantId, secret)",
          CREDENTIAL_FIELDS,
          FLAGS);
    }
    if (cli.clientId().isPresent()
        || cli.tenantId().isPresent()
        || cli.clientSecret().isPresent()) {
      return CredentialOrigin.commandLine(
          FLAGS + " (with the metadata for the rest)", CREDENTIAL_FIELDS);
    }
    return CredentialOrigin.metadata(CREDENTIAL_FIELDS, FLAGS);
  }

  /** The metadata's keyIdentifier, on {@code --kms-endpoint}'s host when given. */
  String keyIdentifier() {
    String id =
        ctx.metadata()
            .text(MetadataField.KEY_IDENTIFIER)
            .orElseThrow(
                () ->
                    KmsErrors.missing(
                        ctx, KEY_FIELDS, "--kms-endpoint is not enough: the key's URL is needed"));
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
    Optional<URI> endpoint = ctx.settings().kmsEndpoint();
    if (endpoint.isEmpty()) {
      return uri.toString();
    }
    URI e = endpoint.get();
    return e.getScheme() + "://" + e.getAuthority() + uri.getPath();
  }

  /** {@code --azure-authority-host}, else the login host of {@code azureEnvironment}. */
  String authorityHost() {
    if (ctx.settings().azure().authorityHost().isPresent()) {
      return ctx.settings().azure().authorityHost().get().toString();
    }
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

  /** The Entra ID error code (AADSTS...) anywhere in the cause chain: MSAL wraps it deeply. */
  static Optional<String> aadCode(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = t.getMessage();
      if (m != null && m.contains("AADSTS")) {
        return Optional.of(m.substring(m.indexOf("AADSTS")).split("[:\\s]")[0]);
      }
    }
    return Optional.empty();
  }

  private RuntimeException map(RuntimeException e, CredentialOrigin origin) {
    if (e instanceof io.restore.RestoreException r) {
      return r;
    }
    if (e instanceof CredentialUnavailableException) {
      return new io.restore.RestoreException(
          io.restore.ExitCode.KMS,
          "Azure Key Vault: no credentials for "
              + ctx.metadataFile()
              + ": the file has no complete clientId, tenantId, secret"
              + (ctx.metadata().has(MetadataField.ROLE_ID)
                  ? " (roleId is set: role-based access)"
                  : "")
              + " and DefaultAzureCredential found none",
          "pass "
              + FLAGS
              + ", or update "
              + ctx.metadataFile()
              + " fields clientId, tenantId, secret",
          e);
    }
    Optional<String> aadCode = aadCode(e);
    if (e instanceof ClientAuthenticationException || aadCode.isPresent()) {
      return KmsErrors.credentials(ctx, aadCode.orElse("authentication failed"), origin, e);
    }
    if (e instanceof HttpResponseException h && h.getResponse() != null) {
      int status = h.getResponse().getStatusCode();
      if (status == 401) {
        return KmsErrors.credentials(ctx, "HTTP 401", origin, e);
      }
      if (status == 403) {
        return KmsErrors.accessDenied(ctx, "HTTP 403 Forbidden", origin, KEY_FIELDS, e);
      }
      if (status == 404) {
        return KmsErrors.wrongKey(ctx, "HTTP 404: no such key or version", KEY_FIELDS, e);
      }
      if (status == 429 || status >= 500) {
        return KmsErrors.unavailable(
            ctx,
            keyIdentifier(),
            "HTTP " + status + " after " + ctx.settings().maxAttempts() + " attempts",
            e);
      }
      return KmsErrors.failed(ctx, "HTTP " + status, e);
    }
    return KmsErrors.unavailable(ctx, keyIdentifier(), e);
  }
}
