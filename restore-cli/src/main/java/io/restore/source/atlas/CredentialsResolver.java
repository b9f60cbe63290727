package io.restore.source.atlas;

import io.restore.ExitCode;
import io.restore.RestoreException;
import io.restore.Secrets;
import java.util.Map;
import java.util.Optional;

/**
 * Chooses the Atlas credentials, first found wins: the service-account flags, the API-key flags,
 * then the Atlas CLI's environment variables in the same order. Half a pair is an error naming the
 * missing half, never a silent fall-through to the next source.
 */
public final class CredentialsResolver {
  public static final String CLIENT_ID_ENV = "MONGODB_ATLAS_CLIENT_ID";
  public static final String CLIENT_SECRET_ENV = "MONGODB_ATLAS_CLIENT_SECRET";
  public static final String PUBLIC_KEY_ENV = "MONGODB_ATLAS_PUBLIC_API_KEY";
  public static final String PRIVATE_KEY_ENV = "MONGODB_ATLAS_PRIVATE_API_KEY";

  private CredentialsResolver() {}

  public static Credentials resolve(AtlasFlags flags, Map<String, String> env) {
    Optional<Credentials> c =
        pair(
                flags.clientId(),
                flags.clientSecret(),
                "--atlas-client-id",
                "--atlas-client-secret",
                true,
                "flags")
            .or(
                () ->
                    pair(
                        flags.publicKey(),
                        flags.privateKey(),
                        "--atlas-public-key",
                        "--atlas-private-key",
                        false,
                        "flags"))
            .or(
                () ->
                    pair(
                        env(env, CLIENT_ID_ENV),
                        env(env, CLIENT_SECRET_ENV),
                        "$" + CLIENT_ID_ENV,
                        "$" + CLIENT_SECRET_ENV,
                        true,
                        "environment"))
            .or(
                () ->
                    pair(
                        env(env, PUBLIC_KEY_ENV),
                        env(env, PRIVATE_KEY_ENV),
                        "$" + PUBLIC_KEY_ENV,
                        "$" + PRIVATE_KEY_ENV,
                        false,
                        "environment"));
    return c.orElseThrow(
        () ->
            new RestoreException(
                ExitCode.USAGE,
                "an atlas:// source needs Atlas Administration API credentials and none were given",
                "pass a service account with --atlas-client-id and --atlas-client-secret (or $"
                    + CLIENT_ID_ENV
                    + " and $"
                    + CLIENT_SECRET_ENV
                    + "), or an API key with --atlas-public-key and --atlas-private-key (or $"
                    + PUBLIC_KEY_ENV
                    + " and $"
                    + PRIVATE_KEY_ENV
                    + "); docs/atlas-api.md lists the role it needs"));
  }

  private static Optional<String> env(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).filter(v -> !v.isBlank());
  }

  private static Optional<Credentials> pair(
      Optional<String> id,
      Optional<String> secret,
      String idName,
      String secretName,
      boolean serviceAccount,
      String from) {
    secret.ifPresent(Secrets::register);
    if (id.isEmpty() && secret.isEmpty()) {
      return Optional.empty();
    }
    if (id.isEmpty() || secret.isEmpty()) {
      String missing = id.isEmpty() ? idName : secretName;
      String given = id.isEmpty() ? secretName : idName;
      throw new RestoreException(
          ExitCode.USAGE,
          given + " was given without " + missing,
          "give both halves of the " + (serviceAccount ? "service account" : "API key"));
    }
    String origin = idName + " and " + secretName;
    return Optional.of(
        serviceAccount
            ? new Credentials.ServiceAccount(id.get().strip(), secret.get().strip(), origin)
            : new Credentials.ApiKey(id.get().strip(), secret.get().strip(), origin));
  }
}
