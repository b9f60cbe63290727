package io.restore.source.atlas;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * The Atlas options of the command line, as given (absent ones empty; {@code newJob}: {@code
 * --atlas-new-job}, never reuse a restore job). Credentials and the base URL fall back to the
 * environment in {@link CredentialsResolver} and {@link AtlasSettings}.
 */
public record AtlasFlags(
    Optional<String> clientId,
    Optional<String> clientSecret,
    Optional<String> publicKey,
    Optional<String> privateKey,
    Optional<String> baseUrl,
    Optional<Duration> timeout,
    Optional<Path> caFile,
    boolean newJob) {

  public static AtlasFlags none() {
    return new AtlasFlags(
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        Optional.empty(),
        false);
  }
}
