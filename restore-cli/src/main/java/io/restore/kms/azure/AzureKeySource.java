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
import io.restore.kms.AzureSettings;
import io.restore.kms.CredentialOrigin;
import io.restore.kms.KeyContext;
import io.restore.kms.KmsCall;
import io.restore.kms.KmsErrors;
import io.restore.kms.KmsTls;
import io.restore.kms.MasterKey;
import io.restore.kms.MasterKeySource;
import io.restore.kms.MasterKeyWrapper;
import io.restore.snapshot.EncryptedKey;
import io.restore.snapshot.MetadataField;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The master key from Azure Key Vault: {@code decrypt} on {@code keyIdentifier} with RSA-OAEP-256,
 * then RSA-OAEP, then {@code unwrapKey} with both (docs/design/atlas-snapshot.md). Credentials: a
 * client secret ({@code clientId}, {@code tenantId}, {@code secret}; each overridable by flag),
 * else DefaultAzureCredential. The login host follows {@code azureEnvironment}. The JDK HTTP client
 * replaces Netty.
 */
public final class AzureKeySource implements MasterKeySource, MasterKeyWrapper {
  static final List<MetadataField> KEY_FIELDS = AzureSettings.KEY_FIELDS;
  static final String FLAGS = AzureSettings.FLAGS;

  private final AzureSettings s;
  private final KeyContext ctx;

  public AzureKeySource(AzureSettings settings) {
    this.s = settings;
    this.ctx = settings.ctx();
  }

  @Override
  public String description() {
    return "Azure Key Vault key "
        + s.keyIdentifier()
        + ", credentials from "
        + s.origin().description()
        + " via "
        + s.authorityHost();
  }

  @Override
  public MasterKey decrypt() {
    EncryptedKey encrypted = ctx.encryptedKey().get();
    CredentialOrigin origin = s.origin();
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
      throw map(e, s.origin());
    } finally {
      Arrays.fill(plain, (byte) 0);
    }
  }

  private CryptographyClient client() {
    KmsCall call = s.call();
    HttpClient http =
        new JdkHttpClientBuilder(
                java.net.http.HttpClient.newBuilder().sslContext(KmsTls.context(call.caFile())))
            .connectionTimeout(call.timeout())
            .responseTimeout(call.timeout())
            .build();
    RetryOptions retry =
        new RetryOptions(
            new ExponentialBackoffOptions()
                .setMaxRetries(call.maxAttempts() - 1)
                .setBaseDelay(Duration.ofMillis(200))
                .setMaxDelay(Duration.ofSeconds(5)));
    CryptographyClientBuilder b =
        new CryptographyClientBuilder()
            .keyIdentifier(s.keyIdentifier())
            .credential(credential(http, retry))
            .httpClient(http)
            .retryOptions(retry);
    if (call.endpoint().isPresent()) {
      // A private or test endpoint is not a *.vault.azure.net host.
      b.disableChallengeResourceVerification();
    }
    return b.buildClient();
  }

  private TokenCredential credential(HttpClient http, RetryOptions retry) {
    if (s.clientSecret().isEmpty()) {
      return new DefaultAzureCredentialBuilder()
          .authorityHost(s.authorityHost())
          .httpClient(http)
          .retryOptions(retry)
          .build();
    }
    AzureSettings.ClientSecret cs = s.clientSecret().get();
    ClientSecretCredentialBuilder b =
        new ClientSecretCredentialBuilder()
            .tenantId(cs.tenantId())
            .clientId(cs.clientId())
            .clientSecret(cs.secret())
            .authorityHost(s.authorityHost())
            .httpClient(http)
            .retryOptions(retry); // the default retries a refused secret for ~11 s
    if (s.customAuthorityHost()) {
      b.disableInstanceDiscovery(); // a private login host is not in Microsoft's list
    }
    return b.build();
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
            s.keyIdentifier(),
            "HTTP " + status + " after " + s.call().maxAttempts() + " attempts",
            e);
      }
      return KmsErrors.failed(ctx, "HTTP " + status, e);
    }
    return KmsErrors.unavailable(ctx, s.keyIdentifier(), e);
  }
}
