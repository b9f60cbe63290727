package io.restore.tls;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * How to make a session's certificates. Independent of the CLI ({@code
 * io.restore.cli.PkiOptionsMixin} builds one from flags).
 *
 * @param keyAlgorithm algorithm of the CA, server and client keys
 * @param validity lifetime of the certificates, counted from {@code clock}'s now
 * @param backdate how far before now the certificates become valid, so a peer whose clock lags a
 *     little still accepts them
 * @param clock the source of "now" (tests inject a fixed or past clock)
 * @param random randomness for keys, serial numbers and signatures
 */
public record PkiOptions(
    KeyAlgorithm keyAlgorithm,
    Duration validity,
    Duration backdate,
    Clock clock,
    SecureRandom random) {

  public static final Duration DEFAULT_VALIDITY = Duration.ofDays(7);
  public static final Duration DEFAULT_BACKDATE = Duration.ofMinutes(5);
  public static final Duration MIN_VALIDITY = Duration.ofMinutes(1);

  /** Ten years: a session PKI is meant to be short-lived; beyond this is surely a typo. */
  public static final Duration MAX_VALIDITY = Duration.ofDays(3650);

  public PkiOptions {
    Objects.requireNonNull(keyAlgorithm, "keyAlgorithm");
    Objects.requireNonNull(validity, "validity");
    Objects.requireNonNull(backdate, "backdate");
    Objects.requireNonNull(clock, "clock");
    Objects.requireNonNull(random, "random");
    if (validity.compareTo(MIN_VALIDITY) < 0 || validity.compareTo(MAX_VALIDITY) > 0) {
      throw new IllegalArgumentException(
          "certificate validity " + validity + " is outside " + MIN_VALIDITY + ".." + MAX_VALIDITY);
    }
    if (backdate.isNegative() || backdate.compareTo(Duration.ofDays(1)) > 0) {
      throw new IllegalArgumentException("backdate " + backdate + " is outside 0..1 day");
    }
  }

  /** ECDSA P-256, valid from 5 minutes ago for 7 days, system clock, a fresh SecureRandom. */
  public static PkiOptions defaults() {
    return new PkiOptions(
        KeyAlgorithm.ECDSA_P256,
        DEFAULT_VALIDITY,
        DEFAULT_BACKDATE,
        Clock.systemUTC(),
        new SecureRandom());
  }

  public PkiOptions withKeyAlgorithm(KeyAlgorithm newKeyAlgorithm) {
    return new PkiOptions(newKeyAlgorithm, validity, backdate, clock, random);
  }

  public PkiOptions withValidity(Duration newValidity) {
    return new PkiOptions(keyAlgorithm, newValidity, backdate, clock, random);
  }

  public PkiOptions withBackdate(Duration newBackdate) {
    return new PkiOptions(keyAlgorithm, validity, newBackdate, clock, random);
  }

  public PkiOptions withClock(Clock newClock) {
    return new PkiOptions(keyAlgorithm, validity, backdate, newClock, random);
  }

  public PkiOptions withRandom(SecureRandom newRandom) {
    return new PkiOptions(keyAlgorithm, validity, backdate, clock, newRandom);
  }
}
