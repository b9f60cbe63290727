package io.restore.source.atlas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Flags before the environment; service account before API key; halves never mix sources. */
class CredentialsResolverTest {
  static final Map<String, String> ENV =
      Map.of(
          "MONGODB_ATLAS_CLIENT_ID", "env-id",
          "MONGODB_ATLAS_CLIENT_SECRET", "env-client-secret",
          "MONGODB_ATLAS_PUBLIC_API_KEY", "envpub",
          "MONGODB_ATLAS_PRIVATE_API_KEY", "env-private-key");

  static AtlasFlags flags(String id, String secret, String pub, String priv) {
    return new AtlasFlags(
        Optional.ofNullable(id),
        Optional.ofNullable(secret),
        Optional.ofNullable(pub),
        Optional.ofNullable(priv),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }

  @Test
  void serviceAccountFlagsComeFirst() {
    Credentials c = CredentialsResolver.resolve(flags("id", "flag-secret", "pub", "priv1"), ENV);
    assertThat(c)
        .isEqualTo(
            new Credentials.ServiceAccount(
                "id", "flag-secret", "--atlas-client-id and --atlas-client-secret"));
  }

  @Test
  void apiKeyFlagsComeBeforeTheEnvironment() {
    Credentials c = CredentialsResolver.resolve(flags(null, null, "pub", "flag-private"), ENV);
    assertThat(c).isInstanceOf(Credentials.ApiKey.class);
    assertThat(((Credentials.ApiKey) c).privateKey()).isEqualTo("flag-private");
  }

  @Test
  void theEnvironmentServiceAccountBeforeItsApiKey() {
    Credentials c = CredentialsResolver.resolve(AtlasFlags.none(), ENV);
    assertThat(c.describe())
        .isEqualTo(
            "service account env-id ($MONGODB_ATLAS_CLIENT_ID and $MONGODB_ATLAS_CLIENT_SECRET)");
    Credentials k =
        CredentialsResolver.resolve(
            AtlasFlags.none(),
            Map.of(
                "MONGODB_ATLAS_PUBLIC_API_KEY", "envpub",
                "MONGODB_ATLAS_PRIVATE_API_KEY", "env-private-key"));
    assertThat(k.describe()).startsWith("API key envpub ($MONGODB_ATLAS_PUBLIC_API_KEY");
  }

  @Test
  void halfAPairIsAnErrorNotAFallThrough() {
    RestoreException e =
        catchThrowableOfType(
            () -> CredentialsResolver.resolve(flags("id", null, null, null), ENV),
            RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.getMessage())
        .isEqualTo("--atlas-client-id was given without --atlas-client-secret");
  }

  @Test
  void nothingAnywhereSaysWhatToGive() {
    RestoreException e =
        catchThrowableOfType(
            () -> CredentialsResolver.resolve(AtlasFlags.none(), Map.of()), RestoreException.class);
    assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
    assertThat(e.nextStep()).contains("--atlas-client-id").contains("MONGODB_ATLAS_PUBLIC_API_KEY");
  }

  @Test
  void secretsAreRegisteredForScrubbingAndNeverDescribed() {
    Credentials c = CredentialsResolver.resolve(flags(null, null, "pub", "scrub-me-private"), ENV);
    assertThat(Secrets.scrub("oops scrub-me-private")).isEqualTo("oops <redacted>");
    assertThat(c.toString()).doesNotContain("scrub-me-private");
  }
}
