package io.restore.dump.storage;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * How to reach S3 for a dump destination: independent of the snapshot's KMS settings, since the
 * bucket is often in another account. Empty values mean the SDK's defaults: {@code
 * AWS_ENDPOINT_URL_S3}, the default region chain, and the default credentials chain (environment,
 * {@code ~/.aws} profiles, container and instance roles).
 */
public record S3Settings(
    Optional<URI> endpoint,
    Optional<String> region,
    Optional<String> profile,
    Optional<StaticKeys> keys) {
  public S3Settings {
    Objects.requireNonNull(endpoint, "endpoint");
    Objects.requireNonNull(region, "region");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(keys, "keys");
  }

  public static S3Settings defaults() {
    return new S3Settings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** An access key given explicitly (tests, or a caller that read it from a file). */
  public record StaticKeys(String accessKeyId, String secretAccessKey) {
    @Override
    public String toString() {
      return "StaticKeys[" + accessKeyId + ", secret hidden]";
    }
  }
}
