package io.restore.kms;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How every cloud KMS call is made: {@code --kms-endpoint} (a VPC or test endpoint), {@code
 * --kms-ca-file} (CA certificates to trust for it), the time limit per call (retries included) and
 * the attempts per call (retried only on throttling, 5xx and network errors).
 */
public record KmsCall(
    Optional<URI> endpoint, Optional<Path> caFile, Duration timeout, int maxAttempts) {
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
  public static final int DEFAULT_MAX_ATTEMPTS = 3;

  /** The command line checks the ranges (picocli converters); this guards other callers. */
  public KmsCall {
    Objects.requireNonNull(endpoint);
    Objects.requireNonNull(caFile);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("timeout must be positive");
    }
    if (maxAttempts < 1 || maxAttempts > 10) {
      throw new IllegalArgumentException("maxAttempts must be within 1..10");
    }
  }

  public static KmsCall defaults() {
    return new KmsCall(Optional.empty(), Optional.empty(), DEFAULT_TIMEOUT, DEFAULT_MAX_ATTEMPTS);
  }
}
