package io.restore.cli;

import io.restore.source.atlas.AtlasFlags;
import io.restore.source.atlas.AtlasSettings;
import io.restore.source.atlas.CredentialsResolver;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Atlas Administration API options (an atlas:// SOURCE and {@code restore atlas snapshots}):
 * credentials, in the order {@link CredentialsResolver} tries them, and where the API is. Secrets
 * on the command line are visible in the process list: the environment variables are preferred.
 */
final class AtlasOptions {
  @Option(
      names = "--atlas-client-id",
      paramLabel = "<id>",
      description =
          "Atlas service account client id (else $" + CredentialsResolver.CLIENT_ID_ENV + ")")
  String clientId;

  @Option(
      names = "--atlas-client-secret",
      paramLabel = "<secret>",
      description =
          "its secret (prefer $" + CredentialsResolver.CLIENT_SECRET_ENV + ": flags show in ps)")
  String clientSecret;

  @Option(
      names = "--atlas-public-key",
      paramLabel = "<key>",
      description = "Atlas API public key (else $" + CredentialsResolver.PUBLIC_KEY_ENV + ")")
  String publicKey;

  @Option(
      names = "--atlas-private-key",
      paramLabel = "<key>",
      description = "its private key (prefer $" + CredentialsResolver.PRIVATE_KEY_ENV + ")")
  String privateKey;

  @Option(
      names = "--atlas-base-url",
      paramLabel = "<url>",
      description =
          "the Atlas API (default https://cloud.mongodb.com, else $"
              + AtlasSettings.BASE_URL_ENV
              + "; Atlas for Government: https://cloud.mongodbgov.com)")
  String baseUrl;

  @Option(
      names = "--atlas-ca-file",
      paramLabel = "<pem>",
      description = "trust only these CAs for the Atlas API and its download link (a TLS proxy)")
  Path caFile;

  /**
   * The Atlas flags given on the command line, by name (for the check that a source needs them).
   */
  java.util.List<String> given() {
    java.util.List<String> out = new java.util.ArrayList<>();
    if (clientId != null) {
      out.add("--atlas-client-id");
    }
    if (clientSecret != null) {
      out.add("--atlas-client-secret");
    }
    if (publicKey != null) {
      out.add("--atlas-public-key");
    }
    if (privateKey != null) {
      out.add("--atlas-private-key");
    }
    if (baseUrl != null) {
      out.add("--atlas-base-url");
    }
    if (caFile != null) {
      out.add("--atlas-ca-file");
    }
    return out;
  }

  AtlasFlags flags(Optional<java.time.Duration> timeout, boolean newJob) {
    return new AtlasFlags(
        Optional.ofNullable(clientId),
        Optional.ofNullable(clientSecret),
        Optional.ofNullable(publicKey),
        Optional.ofNullable(privateKey),
        Optional.ofNullable(baseUrl),
        timeout,
        Optional.ofNullable(caFile),
        newJob);
  }
}
